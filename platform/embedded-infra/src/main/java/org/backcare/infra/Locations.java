package org.backcare.infra;

import java.nio.file.Path;

/** Where the infrastructure keeps unpacked distributions. Data directories are chosen by the caller. */
public final class Locations {

    private Locations() {}

    /**
     * The cache of unpacked distributions (Keycloak, PostgreSQL binaries): {@code $BACKCARE_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/backcare}, else {@code ~/.cache/backcare}. Safe to delete; it is rebuilt.
     */
    public static Path cacheDir() {
        String explicit = System.getenv("BACKCARE_CACHE_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "backcare");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "backcare");
    }
}
