from corpuskit.cli import main

main()
