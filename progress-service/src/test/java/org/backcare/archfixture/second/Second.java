package org.backcare.archfixture.second;

import org.backcare.archfixture.first.First;

/** The other half of the deliberate package cycle. */
public class Second {
    public First back() {
        return new First();
    }
}
