"""Stage 4: printed cell text -> exact values (text, numbers, dates, target values).

Small pure functions; the vocabulary they use (operator words, units, factors) is data in vocab.toml.
"""
