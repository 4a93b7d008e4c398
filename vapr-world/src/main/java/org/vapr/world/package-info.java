/** The synthetic visual world: seeded scenes, a PNG renderer, a LLaVA-format corpus generator, a ground-truth oracle
 * and minimal scene edits that flip an answer (contrast images). */
package org.vapr.world;
