package io.guiji.jobs.cli;

import io.guiji.jobs.file.InputCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.FileAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * {@code --log-file PATH}: Flink's and guiji's logs at INFO and above go to that file (appended),
 * while the console keeps the level it had (bin/guiji: errors only). Changes the running log4j
 * configuration; {@link #close} reloads the configuration as it was.
 */
final class LogFile implements AutoCloseable {
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c - %m%n";
    private static final String APPENDER = "guiji-log-file";

    private final LoggerContext context;

    private LogFile(LoggerContext context) {
        this.context = context;
    }

    /**
     * Starts logging to {@code file}.
     *
     * @throws IllegalArgumentException naming the file and the reason when it cannot be written, or
     *     when log4j is not the logging back end
     */
    static LogFile start(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream probe =
                    Files.newOutputStream(
                            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                probe.flush();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot write the log file "
                            + file
                            + ": "
                            + InputCheck.reason(e)
                            + "; choose a writable --log-file");
        }
        if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
            throw new IllegalArgumentException(
                    "--log-file needs log4j 2 as the logging back end (bin/guiji has it)");
        }
        Configuration config = context.getConfiguration();
        FileAppender appender =
                FileAppender.newBuilder()
                        .setName(APPENDER)
                        .withFileName(file.toString())
                        .withAppend(true)
                        .setLayout(
                                PatternLayout.newBuilder()
                                        .withPattern(PATTERN)
                                        .withConfiguration(config)
                                        .build())
                        .setConfiguration(config)
                        .build();
        appender.start();
        config.addAppender(appender);
        java.util.List<LoggerConfig> loggers =
                new java.util.ArrayList<>(config.getLoggers().values());
        if (!loggers.contains(config.getRootLogger())) {
            loggers.add(config.getRootLogger());
        }
        for (LoggerConfig logger : loggers) {
            toFileToo(logger, appender);
        }
        context.updateLoggers();
        return new LogFile(context);
    }

    /**
     * Lets {@code logger} pass INFO and above, while each appender it had keeps showing only what
     * it showed (the logger's former level becomes the appender's threshold); the file appender is
     * added where events would not reach the root's.
     */
    private static void toFileToo(LoggerConfig logger, Appender file) {
        Level level = logger.getLevel();
        Map<String, Level> refLevels = new java.util.HashMap<>();
        for (AppenderRef ref : logger.getAppenderRefs()) {
            if (ref.getLevel() != null) {
                refLevels.put(ref.getRef(), ref.getLevel());
            }
        }
        for (Map.Entry<String, Appender> e : Map.copyOf(logger.getAppenders()).entrySet()) {
            Level own = refLevels.get(e.getKey());
            Level threshold = own != null && own.isMoreSpecificThan(level) ? own : level;
            logger.removeAppender(e.getKey());
            logger.addAppender(e.getValue(), threshold, null);
        }
        if (logger.getParent() == null || !logger.isAdditive()) {
            logger.addAppender(file, Level.INFO, null);
        }
        if (level.isMoreSpecificThan(Level.INFO)) {
            logger.setLevel(Level.INFO);
        }
    }

    /** Closes the file and puts the logging configuration back as it was read. */
    @Override
    public void close() {
        context.reconfigure();
    }
}
