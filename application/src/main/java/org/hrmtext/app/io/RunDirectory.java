package org.hrmtext.app.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.hrmtext.domain.InvalidInputException;

/**
 * An output directory owned by this process while a command writes it: an exclusive lock on the
 * hidden file {@value #LOCK} inside it (holding this process's id), so that a second process
 * refuses the same directory, naming the holder's pid. The operating system drops the lock when
 * the process dies, so a killed run never leaves the directory locked. {@link #close()} removes
 * the lock file, and the directory too when this claim created it and nothing was written into it
 * (a command that failed early leaves no empty output behind).
 *
 * <pre>{@code
 * try (RunDirectory run = RunDirectory.claim(out, "--out")) {
 *     ... write into out ...
 * }
 * }</pre>
 */
public final class RunDirectory implements AutoCloseable {
    /** The lock file inside a claimed directory. */
    public static final String LOCK = ".hrm.lock";
    private static final int ATTEMPTS = 5;

    private final Path dir;
    private final boolean created;
    private final FileChannel channel;
    private final FileLock lock;

    private RunDirectory(Path dir, boolean created, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.created = created;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if needed and locks it; {@code option} (e.g. {@code --out}) names it in
     * errors. Fails with a one-line {@link InvalidInputException} when {@code dir} is a file, cannot
     * be created, or is held by another process.
     */
    public static RunDirectory claim(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(option + " " + dir + ": is a file, expected a directory");
        }
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException(option + " " + dir + ": cannot create it: " + e.getFile() + " is a file");
        } catch (IOException e) {
            throw new InvalidInputException(option + " " + dir + ": cannot create it: " + reason(e) + fileOnTheWay(dir));
        }
        try {
            return lock(dir, created, option);
        } catch (RuntimeException e) {
            if (created) {
                deleteIfEmpty(dir);
            }
            throw e;
        }
    }

    private static RunDirectory lock(Path dir, boolean created, String option) {
        Path file = dir.resolve(LOCK);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FileChannel ch = null;
            try {
                ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Object opened = fileKey(file);
                FileLock lock = tryLock(ch);
                if (lock == null) {
                    String holder = holder(ch);
                    ch.close();
                    throw new InvalidInputException(option + " " + dir + ": in use by another hrm process (pid " + holder
                            + "); wait for it to finish or choose another " + option);
                }
                Object locked = fileKey(file);
                if (locked == null || !locked.equals(opened)) {
                    // The previous holder removed its lock file between our open and our lock: lock the current one.
                    ch.close();
                    continue;
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                ch.force(true);
                return new RunDirectory(dir, created, ch, lock);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new InvalidInputException(option + " " + dir + ": cannot lock " + file + ": " + reason(e));
            }
        }
        throw new InvalidInputException(option + " " + dir + ": its lock file keeps changing; is another hrm process using it?");
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process (another command in the same JVM)
        }
    }

    private static String holder(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        ch.read(b, 0);
        String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        return pid.isEmpty() ? "unknown" : pid;
    }

    /**
     * The identity (device and inode) of the file now at {@code file}, or null when there is none.
     * Only a stat: opening and closing another descriptor of the lock file would drop this
     * process's lock on it (POSIX record locks belong to the process and file).
     */
    private static Object fileKey(Path file) {
        try {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return key == null ? "no file keys here" : key;
        } catch (IOException e) {
            return null;
        }
    }

    /** " (X is a file)" for the first ancestor of {@code dir} that is a file, else "". */
    private static String fileOnTheWay(Path dir) {
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                return Files.isDirectory(p) ? "" : " (" + p + " is a file)";
            }
        }
        return "";
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /** The entries of the directory other than the lock file. */
    public List<Path> entries() {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().equals(LOCK)).sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(dir + ": cannot list: " + reason(e));
        }
    }

    /** Releases the lock; removes the lock file, and the directory when this claim created it and it stayed empty. */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(dir.resolve(LOCK));
        } catch (IOException e) {
            // A leftover lock file is unlocked once released and does no harm.
        }
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases it as well.
        }
        closeQuietly(channel);
        if (created) {
            deleteIfEmpty(dir);
        }
    }

    private static void deleteIfEmpty(Path dir) {
        try {
            Files.deleteIfExists(dir); // fails, as it should, on a directory that holds anything
        } catch (IOException e) {
            // Not empty: what was written stays.
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // Nothing was written through it that matters.
            }
        }
    }

    /** The operating system's reason for an I/O failure, e.g. "No space left on device". */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
