/**
 * Hard negatives: yes/no and short-answer extension, the {@link org.vapr.pipeline.edit.Editor} interface with
 * its offline rule-based implementation, dynamic penalty lists, and validation of every edit.
 */
package org.vapr.pipeline.edit;
