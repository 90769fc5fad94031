"""Build matching/data/lexicon/derivations.tsv: English derivation families from ESCO.

An occupation noun and the activity it names are different words to a word-level matcher:
"carpenter" does not meet "carpentry", nor "welder" "welding". This script finds such
families by general rules of English word formation, over the words ESCO itself uses:

- an *agent* is the last word of an ESCO occupation label (preferred or alternative):
  "welder", "translator", "pharmacist", "electrician", "accountant", "cook", "nurse";
- an *activity* is a word of an ESCO skill or occupation text with an activity ending
  (-ing, -ry, -ery, -ion, -y, -ics, -ance, -ence, -ancy, -ency, -ment, -ism, -ity, -al);
- both meet when their stems are the same after the agent ending (-er, -or, -ist, -ian,
  -ant, -ent, -ive) and the activity ending are taken off, a final "e" dropped and a final
  doubled consonant made single (programm-er, programm-ing: "program"), or when the activity
  is the agent plus an ending (engineer-ing, dentist-ry, cook-ing);
- the plain verb joins the family when ESCO starts a skill label with it ("weld metal",
  "drive vehicles", "bake goods"); the plurals of the nouns join too ("welders").

A family is kept only when both an agent and an activity occur in ESCO. Words whose
other meanings would join unrelated things ("physician" and "physics", "model" and
"modelling", "speaker" and "speaking") are listed in EXCEPTIONS with the reason.

Usage: python scripts/build_derivations.py [--esco DIR] [--output FILE]

Reads ../shared/data/esco at build time only; the product reads only the derived file.
This service uses the ESCO classification of the European Commission.
"""

import argparse
import csv
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"
DEFAULT_OUTPUT = ROOT / "matching" / "data" / "lexicon" / "derivations.tsv"

# Each agent ending with the activity endings it pairs with: a translat-or does translat-ion,
# a carpent-er carpent-ry, a pharmac-ist pharmac-y, an electric-ian electric-ity, an
# account-ant account-ing. The agent itself takes -ing and -ry (engineer-ing, dentist-ry).
PAIRED_ENDINGS = {
    "er": ("ing", "ery", "ry", "ment", "ance", "y"),
    "or": ("ation", "ion", "ing"),
    "ist": ("ry", "y", "ism", "ics", "ing"),
    "ian": ("ics", "ity", "al", "y"),
    "ant": ("ancy", "ance", "ing"),
    "ent": ("ency", "ence", "ing"),
    "ic": ("ics", "ical"),
    "": ("ing", "ery", "ry"),
}
UNCOUNTED = ("ing", "al", "ics", "ity", "ism", "ry", "logy", "graphy", "therapy")
# Shorter stems than this are too ambiguous to join on ("ag-ent", "in-ing").
MIN_STEM = 3
# Words used fewer times than this in ESCO are mostly misspellings ("mangement").
MIN_COUNT = 3
# Words left out of every family, with the reason (reviewed by hand).
EXCEPTIONS = {
    "physician": "a doctor; physics and physical are other things",
    "physicist": "kept with physics, not with physicians or physical work",
    "model": "a fashion model; modelling is mostly 3D, data or financial modelling",
    "modeller": "kept apart from the fashion model",
    "host": "a host/hostess; hosting is web hosting",
    "hosting": "web hosting, not hosts",
    "speaker": "a public speaker; speaking is mostly a language skill",
    "speaking": "a language skill, not a public speaker",
    "train": "trains are vehicles (train driver); training is what people receive",
    "trainer": "training in a CV is mostly training received, not given",
    "training": "training in a CV is mostly training received, not given",
    "drawer": "a wire drawer; drawing is technical drawing",
    "sewer": "a sewer is also a drain (sewer networks), not only one who sews",
    "builder": "building is mostly the noun (building cleaner, building maintenance)",
    "building": "mostly the noun (building cleaner, building maintenance)",
    "account": "an account (key account manager) is not accountancy",
    "work": "too general to say which work",
    "worker": "too general to say which work",
    "working": "too general to say which work",
    "acting": "acting manager: standing in, not acting on stage",
    "direction": "under the direction of: not directing",
    "attendance": "school or work attendance, not attending guests",
    "general": "general manager, not generating",
    "technical": "technical director, technical drawing: not only technicians",
    "leading": "a leading company: not leaders",
    "running": "running a shop: not runners",
    "dressing": "wound or salad dressing, not dressers",
    "fitting": "pipe fittings as often as fitters' work",
    "sale": "a sale is not saleswork's family here (sale/salt and the like stay apart)",
    "machine": "machines are used by every operator, not only machinists",
    "present": "present is a tense and a gift, not presenting",
    "agent": "an agent (travel, sales) has no activity of its own",
    "patient": "a patient is cared for, not a carer",
    "resident": "a resident is not residency",
    "student": "a student is not studying's agent here",
    "ingredient": "an ingredient is not an agent",
    "content": "content is not contentment",
    "current": "current is not currency",
    "parent": "a parent is not parentage",
    "client": "a client is not clientele",
    "line": "a line is not lining",
    "specialist": "a specialist of anything: specially, special",
    "reader": "reading is mostly a language skill",
    "reading": "mostly a language skill (reading and writing Japanese)",
    "read": "mostly a language skill",
    "writer": "writing is mostly a language skill",
    "writing": "mostly a language skill (reading and writing Japanese)",
    "write": "mostly a language skill",
    "modelist": "a pattern maker, not modelling",
    "mechanism": "a mechanism is a part of a machine",
    "mechanist": "kept out of mechanism",
    "professor": "a professor is not a profession",
    "profession": "any profession, not professors'",
    "audition": "a performer's audition is not auditing",
    "edition": "an edition is not editing",
    "conduction": "heat conduction is not conducting",
    "former": "a former employee",
    "founder": "a company founder, not a foundry",
    "forgery": "a crime, not forging",
    "nursery": "a plant nursery or nursery school, not nursing",
    "planing": "wood planing, not planning",
    "spine": "a spine is not spinning",
    "canvas": "a canvas is not canvassing",
    "book": "a book is not booking",
    "board": "a board (of directors) is not boarding",
    "hand": "a hand is not handing",
    "head": "a head of anything is not heading",
    "pair": "a pair is not pairing",
    "shop": "a shop is a place of work, not shopping",
    "ship": "a ship is a place of work, not shipping",
    "store": "a store is a place of work, not storing",
    "staff": "staff of anything is not staffing",
    "school": "a school is not schooling",
    "centre": "a centre is a place, not centring",
    "charge": "in charge of: not charging",
    "couple": "a couple is not coupling",
    "copy": "a copy is not copying",
    "poster": "a poster is not posting",
    "post": "a post (position) is not posting",
    "setting": "a setting (place, configuration) is not setters' work",
    "teller": "a bank teller is not telling",
    "tell": "telling is not a bank teller's work",
    "holder": "a holder of anything (licence holder)",
    "holding": "a holding company",
    "ranger": "a range (of products) is not a ranger's work",
    "range": "a range (of products) is not a ranger's work",
    "laster": "last year is not lasting shoes",
    "last": "last year is not lasting shoes",
    "lasting": "long-lasting, not lasting shoes",
    "wind": "wind (weather) is not winding",
    "tendering": "public tendering is not tending machines",
    "market": "a market is a place (and ផ្សារ reads market or welding by its context)",
    "sand": "sand is a material, not sanding",
    "critical": "critical thinking, not critics",
    "layer": "a layer is not a bricklayer",
    "close": "close to, not closing",
    "actor": "an actor acts on stage; action and act are any action",
    "action": "any action, not acting",
    "carry": "carrying is not caring",
    "car": "a car is not care",
    "file": "a file is office work, not filling",
    "filing": "office filing, not filling",
    "live": "live and living are not a trade",
    "living": "live and living are not a trade",
    "machinery": "machinery is used by every operator, not only machinists",
    "make": "make is any making",
    "movement": "any movement, not movers' work",
    "move": "any move, not movers' work",
    "port": "a port is a place",
    "mine": "a colleague of mine",
    "take": "any taking",
    "taking": "any taking",
    "type": "a type of anything",
    "fire": "fire is not a kiln firer's work",
    "firing": "dismissal or kiln firing",
    "press": "the press (media) is not pressing",
    "process": "any process, not processors' work",
    "oil": "a material (oil and gas), not oiling",
    "attache": "a diplomatic attaché does not attach things",
    "filer": "a file clerk, not filling",
    "planer": "a wood planer operator, not planning",
    "oily": "oily is not oiling",
    "consumer": "consumer electronics, time-consuming: not a consumer's work",
    "master": "a master's degree or master craftsman, not mastering",
    "server": "a computer server, not serving guests",
    "direct": "direct sales, direct contact: not directing",
    "iron": "iron the metal (iron and steel), not ironing",
    "contract": "an employment contract, not contracting",
    "moderate": "moderate is mostly the adjective",
}


def words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _stem_forms(stem: str) -> set[str]:
    """A stem as both sides write it: "bak" for baker and baking, "program" for programmer."""
    forms = {stem}
    if stem.endswith("e"):
        forms.add(stem[:-1])
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        forms.add(stem[:-1])
    return {f for f in forms if len(f) >= MIN_STEM}


def agent_stems(word: str) -> dict[str, set[str]]:
    """{activity ending: stems} an agent noun pairs with."""
    found: dict[str, set[str]] = defaultdict(set)
    for ending, activities in PAIRED_ENDINGS.items():
        if ending and not word.endswith(ending):
            continue
        stems = _stem_forms(word[: len(word) - len(ending)] if ending else word)
        for activity in activities:
            found[activity] |= stems
    return found


def activity_stems(word: str) -> dict[str, set[str]]:
    """{activity ending: stems} of a word that may name an activity."""
    endings = {e for pairs in PAIRED_ENDINGS.values() for e in pairs}
    return {
        ending: _stem_forms(word[: -len(ending)])
        for ending in endings
        if word.endswith(ending) and len(word) > len(ending)
    }


def plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def _head(label: str) -> str:
    """The word that names the person in an occupation label ("head" of "head of kitchen")."""
    found = words(re.split(r" of | for | in | at |/|\(|,", label)[0])
    return found[-1] if found else ""


def read_esco(esco: Path) -> tuple[set[str], Counter, set[str]]:
    """(occupation heads, words of every ESCO text with their counts, first words of skills)."""
    heads: set[str] = set()
    counts: Counter = Counter()
    with open(esco / "occupations_en.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for label in [row["preferredLabel"], *row["altLabels"].split("\n")]:
                heads.add(_head(label))
                counts.update(words(label))
            counts.update(words(row["description"]))
    verbs: set[str] = set()
    with open(esco / "skills_labels_desc.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found = words(row["description"])
            if found:
                verbs.add(found[0])
            counts.update(found)
    return heads - {""}, counts, verbs


def families(heads: set[str], counts: Counter, verbs: set[str]) -> dict[str, list[tuple]]:
    """Families by their key (the most used activity): [(word, how), ...]."""
    by_stem: dict[tuple[str, str], set[str]] = defaultdict(set)
    for word, count in counts.items():
        # A word that names a person itself ("operator") is not another's activity.
        person = word in heads and word.endswith(("er", "or", "ist", "ian", "ant", "ent"))
        if word not in EXCEPTIONS and not person and count >= MIN_COUNT:
            for ending, stems in activity_stems(word).items():
                for stem in stems:
                    by_stem[ending, stem].add(word)
    found: dict[str, list[tuple]] = {}
    taken: set[str] = set(EXCEPTIONS)
    family_of: dict[str, str] = {}
    for agent in sorted(heads - taken, key=lambda w: (-counts[w], w)):
        if len(agent) < MIN_STEM or counts[agent] < MIN_COUNT or agent in taken:
            continue
        paired = agent_stems(agent)
        activities = {
            w
            for ending, stems in paired.items()
            for s in stems
            for w in by_stem.get((ending, s), ())
        }
        joined = {family_of[w] for w in activities if w in family_of}
        activities -= taken | {agent} | {plural(agent)}
        if not activities:
            # Another name of a family's person (upholsterer beside upholster) joins it.
            if len(joined) == 1:
                key = joined.pop()
                found[key] += [(agent, "agent"), (plural(agent), "plural")]
                family_of.update({agent: key, plural(agent): key})
                taken.update((agent, plural(agent)))
            continue
        key = max(activities, key=lambda w: (counts[w], w.endswith("ing"), w))
        members = [(agent, "agent")] + [(w, "activity") for w in sorted(activities)]
        stems = set().union(*paired.values())
        for stem in sorted(stems):
            for verb in (stem, stem + "e"):
                if (
                    verb in verbs
                    and verb not in taken
                    and verb not in heads
                    and counts[verb] >= MIN_COUNT
                    and len(verb) >= MIN_STEM + 1
                ):
                    members.append((verb, "verb"))
        # Plurals of the person and of countable activities (translations, not weldings).
        for noun, how in list(members):
            if how == "agent" or (how == "activity" and not noun.endswith(UNCOUNTED)):
                if plural(noun) not in taken:
                    members.append((plural(noun), "plural"))
        members = list(dict.fromkeys(members))
        taken.update(word for word, _ in members)
        family_of.update((word, key) for word, _ in members)
        found[key] = members
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    found = families(*read_esco(args.esco))
    lines = [
        "# family\tword\thow -- English derivation families (agent noun, activity, verb, plural)"
        " derived from the words of ESCO v1.2 by scripts/build_derivations.py; the matcher reads"
        " every word as its family. This service uses the ESCO classification of the European"
        " Commission."
    ]
    for key in sorted(found):
        lines.extend(f"{key}\t{word}\t{how}" for word, how in found[key])
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(found)} families, {len(lines) - 1} words -> {args.output}")


if __name__ == "__main__":
    main()
