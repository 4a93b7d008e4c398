/** The synthetic visual world: seeded scenes, a PNG renderer, a LLaVA-format corpus generator and a ground-truth oracle. */
package org.vapr.world;
