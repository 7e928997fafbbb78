// Limits that keep a hostile or broken file from costing more than a quick, clean error.

/** Largest configuration file read (checked with stat before reading). */
export const MAX_CONFIG_FILE_BYTES = 5 * 1024 * 1024;

/** Deepest nesting of lists and mappings; a valid file needs 5 (members, item, applications, item, id). */
export const MAX_NESTING_DEPTH = 32;

/** Problems reported per file; past this the file is too broken for more to help. */
export const MAX_PROBLEMS_PER_FILE = 100;
