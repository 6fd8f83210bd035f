package org.backcare.archfixture.first;

import org.backcare.archfixture.second.Second;

/** Half of a deliberate package cycle: ArchitectureTest proves its cycle rule catches one. */
public class First {
    public Second next() {
        return new Second();
    }
}
