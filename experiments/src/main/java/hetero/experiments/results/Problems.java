package hetero.experiments.results;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns a file-system exception into words a user can act on ("permission denied", "is not a directory"). */
public final class Problems {
    private Problems() {
    }

    public static String describe(IOException e) {
        String what = switch (e) {
            case AccessDeniedException a -> "permission denied";
            case NotDirectoryException n -> "not a directory";
            case FileAlreadyExistsException f -> "exists and is not a directory";
            case NoSuchFileException n -> "no such file or directory";
            case FileSystemException f when f.getReason() != null -> f.getReason();
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        return e instanceof FileSystemException f && f.getFile() != null ? f.getFile() + ": " + what : what;
    }
}
