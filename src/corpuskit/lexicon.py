"""English word lists shared by the stages (sentence splitting, number reading)."""

# Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof gen col capt lt sgt rev hon jr sr no nos co corp inc ltd vs etc "
    "jan feb mar apr aug sep sept oct nov dec e.g i.e u.s u.k u.n approx fig vol".split()
)

# Cardinal number words read as digits ("Number Six" is "Number 6").
# Ordinals stay words: "First Avenue" is not "1 Avenue".
NUMBER_WORDS = {
    "zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
    "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
    "thirteen": "13", "fourteen": "14", "fifteen": "15", "sixteen": "16", "seventeen": "17",
    "eighteen": "18", "nineteen": "19", "twenty": "20", "thirty": "30", "forty": "40",
    "fifty": "50", "sixty": "60", "seventy": "70", "eighty": "80", "ninety": "90",
    "hundred": "100",
}

# Scale words: amounts in prose ("two million"), not parts of names.
SCALE_WORDS = {"thousand": "1000", "million": "1000000"}
