"""Every limit Byline puts on its input, in one place (README, "Error contract", states them).

Input beyond a limit is refused with a located message (PATH[:LINE]: /json/pointer: message),
never a traceback, and never read past: a JSON value nested too deeply is found before it is
parsed, so the parser cannot run out of stack.
"""

MAX_DEPTH = 64  # arrays and objects nested inside one JSON value (an article needs 6)
MAX_INT_DIGITS = 20  # digits of an integer literal (a sign aside); offsets need far fewer
MAX_NUMBER_CHARS = 40  # characters of any number literal, fraction and exponent included
MAX_LINE_BYTES = 10 * 2**20  # one line of a JSONL file, newline aside (10 MiB)

MAX_VALUE_CHARS = 80  # a value echoed in a message is cut to this, with its full length
MAX_POINTER_CHARS = 200  # a JSON pointer shown in a message is cut to this
MAX_MESSAGE_CHARS = 600  # any one message is cut to this (a last resort: values are clipped first)
MAX_PER_FILE = 50  # messages shown per file; then how many more that file has
