/** Exit statuses of the image-factory command line. */
export const EXIT_OK = 0;
/** A file was read but could not be analysed (no FROM, unparsable, binary). */
export const EXIT_FAILED = 1;
/** Bad arguments, or a file that cannot be read at all. */
export const EXIT_USAGE = 2;
