/** Files and blobs larger than this are skipped and counted, not read (`--max-file-size` changes it). */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;
