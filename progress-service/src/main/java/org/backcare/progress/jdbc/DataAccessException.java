package org.backcare.progress.jdbc;

import java.sql.SQLException;

/** The database refused or failed a statement (a server-side failure, never a client's mistake). */
public class DataAccessException extends RuntimeException {

    public DataAccessException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
