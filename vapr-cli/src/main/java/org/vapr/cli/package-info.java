/**
 * The {@code vapr} command line: one {@link org.vapr.cli.CommandLineFactory} builds the picocli
 * {@code CommandLine}, each subcommand wires library modules together (the CLI is the only place that hands
 * the world's oracle to the pipeline), and {@link org.vapr.cli.ExitCode} is the one map of exit codes.
 */
package org.vapr.cli;
