"""`python -m tidings ...`: the `tidings` command, where the console script is not on the PATH."""
from .cli import main

main()
