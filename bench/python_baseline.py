#!/usr/bin/env python3
"""The pipeline a user might write instead of Concord, for a speed comparison.

For every article of gva-dev (title, blank line, text; the same strings Concord reads), it
finds dates with dateparser's search_dates (anchored to the article's publication date) and
death and injury counts with regular expressions, then takes, per incident, the most common
value of each across its articles. It prints the time spent on the texts (imports and file
reading excluded) and, for reference, how often the majority values match the verified record.

    python3 bench/python_baseline.py ../shared/data/gva-dev/incidents.jsonl
"""
import collections
import datetime
import json
import re
import sys
import time

from dateparser.search import search_dates

WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
NUMBER = r"(\d+|" + "|".join(WORDS) + r")"
PEOPLE = r"(?:\s+(?:other\s+)?(?:people|persons|men|women|teens|children|others|victims))?"
KILLED = re.compile(NUMBER + PEOPLE + r"\s+(?:were\s+|was\s+)?(?:killed|dead|died|shot\s+dead|slain)", re.I)
INJURED = re.compile(NUMBER + PEOPLE + r"\s+(?:were\s+|was\s+)?(?:injured|wounded|hurt|hospitalized)", re.I)


def count(word):
    word = word.lower()
    return int(word) if word.isdigit() else WORDS[word]


def analyse(text, published):
    settings = {"PREFER_DATES_FROM": "past"}
    if published:
        settings["RELATIVE_BASE"] = published
    found = search_dates(text, languages=["en"], settings=settings) or []
    dates = [d.date().isoformat() for _, d in found]
    killed = [count(m.group(1)) for m in KILLED.finditer(text)]
    injured = [count(m.group(1)) for m in INJURED.finditer(text)]
    return dates, killed, injured


def majority(values):
    return collections.Counter(values).most_common(1)[0][0] if values else None


def main(path):
    incidents = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    texts = 0
    correct = collections.Counter()
    start = time.perf_counter()
    for inc in incidents:
        votes = collections.defaultdict(list)
        for doc in inc["docs"]:
            text = (doc.get("title") or "").strip() + "\n\n" + doc["content"]
            texts += len(text.encode("utf-8"))
            published = None
            if doc.get("dct"):
                published = datetime.datetime.strptime(doc["dct"][:10], "%Y-%m-%d")
            dates, killed, injured = analyse(text, published)
            # One vote per article: its first date and its largest counts.
            if dates:
                votes["date"].append(dates[0])
            votes["killed"].append(max(killed) if killed else 0)
            votes["injured"].append(max(injured) if injured else 0)
        gold = inc["gold"]
        correct["date"] += majority(votes["date"]) == gold["date"]
        correct["killed"] += majority(votes["killed"]) == gold["num_killed"]
        correct["injured"] += majority(votes["injured"]) == gold["num_injured"]
    seconds = time.perf_counter() - start
    n = len(incidents)
    print(f"python baseline: {n} incidents, {sum(len(i['docs']) for i in incidents)} articles, "
          f"{texts / 1e6:.2f} MB in {seconds:.2f} s ({texts / 1e6 / seconds:.2f} MB/s)")
    print("majority vote accuracy: " + ", ".join(
        f"{k} {100 * correct[k] / n:.1f}%" for k in ("killed", "injured", "date")))
    print(f"seconds={seconds:.3f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/gva-dev/incidents.jsonl")
