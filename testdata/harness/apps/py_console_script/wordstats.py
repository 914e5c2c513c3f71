import collections


def top(text, n):
    return collections.Counter(text.split()).most_common(n)
