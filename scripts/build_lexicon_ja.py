"""Build matching/data/lexicon/ja_jmdict.tsv.gz: Japanese words whose JMdict glosses are ESCO labels.

For every JMdict entry, each English gloss is normalised (lower case, the "to " of verbs
dropped, a few US spellings made British; parenthetical words are tried kept, as in
"security (officer)", then dropped, as in "nurse (esp. female)") and compared with the
English ESCO labels:

- ``occupation``: a noun gloss that is an occupation's preferred or alternative label
  ("welder"); words for things (ending in 機, 器, 剤, ...) are left out;
- ``skill``: the gloss is a skill label from ESCO's digital, transversal and language
  collections or skill hierarchy, or a short skill name: the topic of a skill whose first
  label is "<topic> techniques/principles/methods/..." ("welding", "accounting");
- ``word``: bounded job vocabulary: one of the first two glosses of the first sense of a
  common noun (JMdict priority tag), of one or two words, that occurs as a phrase in at
  least five occupation labels ("factory", "care"), less a list of general words and
  less glosses shared by more than six entries ("situation"); and the first gloss of the
  first sense of a common noun written only in katakana, of one or two words, however
  many entries share it: a loanword's gloss is its meaning (システム "system", サポート
  "support"), and unread it leaves the word unread or read as a shorter word inside it.

Senses marked archaic, obsolete, obscure, rare, slang and the like are skipped, and so are
kanji forms marked out-dated or irregular, and one-word glosses of later senses of
uncommon entries. Kana forms are kept for words without kanji or usually written in kana,
but not hiragana words of one or two characters. Each output row is
``term<TAB>english<TAB>kind<TAB>source``; rows are sorted by term, and a term's rows come
best first (forms with a priority tag, earlier senses, occupation before skill before
word, earlier glosses). The file is gzip with mtime 0: the same inputs give the same bytes.

Reads JMdict from the SQLite database of the PyPI package ``jamdict-data`` (only the
database file; the ``jamdict`` library itself is not needed) and the ESCO CSV files from
../shared/data/esco, at build time only; the product reads nothing but the derived file.

Usage:
    pip install jamdict-data==1.5      # into any scratch environment
    python scripts/build_lexicon_ja.py [--jmdict jamdict.db] [--esco DIR] [--output FILE]

JMdict is the property of the Electronic Dictionary Research and Development Group, used in
conformance with the Group's licence (https://www.edrdg.org/edrdg/licence.html); the derived
file is under CC BY-SA 4.0. This service uses the ESCO classification of the European Commission.
"""

import argparse
import csv
import gzip
import io
import re
import sqlite3
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ESCO = ROOT.parent / "shared" / "data" / "esco"
DEFAULT_OUTPUT = ROOT / "matching" / "data" / "lexicon" / "ja_jmdict.tsv.gz"

KIND_ORDER = {"occupation": 0, "skill": 1, "word": 2}
# A `word` gloss shared by more JMdict entries than this is a general word ("situation").
MAX_WORD_ENTRIES = 6
# ... and a `word` gloss must occur in at least this many occupation labels ("factory": 46).
MIN_WORD_LABELS = 5

# JMdict <misc> notes of senses that job postings do not use.
SKIPPED_MISC = {
    "archaism",
    "obsolete term",
    "obscure term",
    "dated term",
    "rare",
    "historical term",
    "slang",
    "Internet slang",
    "manga slang",
    "derogatory",
    "vulgar expression or word",
    "sensitive",
    "jocular, humorous term",
    "children's language",
    "poetical term",
    "proverb",
    "idiomatic expression",
    "quotation",
    "yojijukugo",
    "full name of a particular person",
    "work of art, literature, music, etc. name",
    "place name",
}
# JMdict <field> notes of senses that are not about work, for the bounded `word` kind.
SKIPPED_FIELDS_FOR_WORDS = {
    "Buddhism",
    "Shinto",
    "Christianity",
    "sumo",
    "baseball",
    "mahjong",
    "shogi",
    "hanafuda",
    "martial arts",
    "horse-racing",
    "video game",
    "military",
    "go (game)",
}
# Kanji / kana forms not worth keeping (<ke_inf>, <re_inf>).
SKIPPED_FORM_INFO = {
    "word containing out-dated kanji",
    "word containing irregular kanji usage",
    "word containing irregular kana usage",
    "out-dated or obsolete kana usage",
    "irregular okurigana usage",
}
USUALLY_KANA = "word usually written using kana alone"
NOUN_POS = (
    "noun (common) (futsuumeishi)",
    "noun or participle which takes the aux. verb suru",
)
NO_POS = "nouns which may take the genitive case particle 'no'"
# Senses that are (also) adjectives: their glosses are not job vocabulary ("former", "narrow").
ADJECTIVE_POS = {
    "adjectival nouns or quasi-adjectives (keiyodoshi)",
    NO_POS,
    "adjective (keiyoushi)",
    "'taru' adjective",
    "noun or verb acting prenominally",
    "pre-noun adjectival (rentaishi)",
}
# Last characters of words for things: machines, devices, agents, tools, goods, materials.
THING_SUFFIXES = ("機", "器", "剤", "具", "品", "材", "料", "薬", "車", "船")
# Glosses that occur in occupation labels but say little about a job on their own.
GENERAL_WORDS = set(
    """
    a about above after against all also an and any area art arts as at back base be
    best big black blue body book box by care of centre change chief child class clear
    close colour common control cover cross cut day deep dog down dry each end every eye
    face fast field fine fire first floor for free from front full game general girl
    gold good great green ground hand hard head heart help high home horse house in
    inside into job key kind labour land large last lay lead leader left level life
    light line little long low main make man master member men middle mind model more
    mother national natural new night no north not number of off office officer old on
    one open or order other out over own part party people person piece place plain
    plant play point post power press public put red right road room round run safe
    same second senior service set side sign single small social south special spring
    staff star state station stay step stop straight street strong support table take
    team the three time to top trade training two under up use way west white whole
    woman women work worker working world young
    """.split()
)
# One-word transversal skill labels that are too vague to translate a word into.
VAGUE_SKILLS = set(
    "apply follow meet plan develop manage organise adhere judge movement extra lead".split()
)
# JMdict fields whose one-word glosses are not job titles ("factor" in mathematics).
SCHOLARLY_FIELDS = {
    "mathematics",
    "physics",
    "chemistry",
    "linguistics",
    "grammar",
    "astronomy",
    "geology",
    "biology",
    "anatomy",
    "botany",
    "zoology",
    "genetics",
    "biochemistry",
    "physiology",
    "logic",
    "geometry",
    "philosophy",
    "entomology",
    "ornithology",
    "crystallography",
}
# US spellings of JMdict glosses -> British spellings used by ESCO (compared word by word).
BRITISH = {
    "labor": "labour",
    "laborer": "labourer",
    "color": "colour",
    "center": "centre",
    "theater": "theatre",
    "jewelry": "jewellery",
    "aluminum": "aluminium",
    "tire": "tyre",
    "program": "programme",
    "catalog": "catalogue",
    "harbor": "harbour",
    "mold": "mould",
    "molding": "moulding",
    "fiber": "fibre",
    "meter": "metre",
    "odor": "odour",
    "vapor": "vapour",
    "neighbor": "neighbour",
    "favor": "favour",
    "behavior": "behaviour",
    "counselor": "counsellor",
    "counseling": "counselling",
    "traveler": "traveller",
    "defense": "defence",
    "license": "licence",
    "gray": "grey",
}
# First-label heads that make the words before them a short skill name ("welding techniques").
SKILL_HEADS = {
    "techniques",
    "technique",
    "principles",
    "methods",
    "skills",
    "processes",
    "procedures",
    "practices",
    "operations",
    "regulations",
    "standards",
}
_PARENTHESES = re.compile(r"\([^()]*\)")
_IZE = re.compile(r"(?<=[a-z]{3})iz(e|es|ed|ing|er|ers|ation|ations)\b")
_HIRAGANA = re.compile(r"^[\u3041-\u309f\u30fc]+$")
_KATAKANA = re.compile(r"^[\u30a1-\u30fc]+$")  # with ・ and ー


def _labels(field: str) -> list[str]:
    return [label.strip() for label in (field or "").split("\n") if label.strip()]


def _clean(label: str) -> str:
    return re.sub(r"\s+", " ", label).strip()


def key(text: str, notes: bool = False) -> str:
    """Comparison key shared by ESCO labels and JMdict glosses.

    A gloss's parenthetical notes ("(esp. ...)") are dropped; an ESCO label's are kept as
    words, since they tell apart labels ("painter (construction)" is not "painter").
    """
    text = unicodedata.normalize("NFKC", text).lower()
    if not notes:
        text = _PARENTHESES.sub(" ", _PARENTHESES.sub(" ", text))
    text = text.replace("’", "'")
    text = re.sub(r"[^a-z0-9'&+#./ -]+", " ", text)
    words = text.split()
    if words and words[0] == "to" and len(words) > 1:
        words = words[1:]
    text = " ".join(BRITISH.get(word, word) for word in words).strip(" .-/")
    return _IZE.sub(lambda m: "is" + m.group(1), text)


class Labels:
    """The English ESCO vocabulary, by comparison key."""

    def __init__(self, esco: Path):
        self.occupations: dict[str, str] = {}
        self.skills: dict[str, str] = {}
        self.short_skills: dict[str, bool] = {}
        self.occupation_phrases: dict[str, int] = defaultdict(int)
        self._read_occupations(esco)
        self._read_skills(esco)

    @staticmethod
    def _add(table: dict[str, tuple[int, str]], text: str, rank: int) -> None:
        text = _clean(text)
        keys = [key(text, notes=True)]
        # A name's note ("Java (computer programming)") may be left out; `_same_case` then
        # makes sure that the gloss spells the name.
        if "(" in text and text != text.lower():
            keys.append(key(text))
        for text_key in keys:
            if text_key and (text_key not in table or (rank, text) < table[text_key]):
                table[text_key] = (rank, text)

    def _read_occupations(self, esco: Path) -> None:
        table: dict[str, tuple[int, str]] = {}
        with open(esco / "occupations_en.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("status", "released") != "released":
                    continue
                names = [row["preferredLabel"], *_labels(row["altLabels"])]
                for rank, name in enumerate(names):
                    self._add(table, name, min(rank, 1))
                for name_key in {key(name, notes=True) for name in names}:
                    words = name_key.split()
                    for size in (1, 2):
                        for start in range(len(words) - size + 1):
                            self.occupation_phrases[" ".join(words[start : start + size])] += 1
        self.occupations = {k: text for k, (_rank, text) in table.items()}

    def _read_skills(self, esco: Path) -> None:
        table: dict[str, tuple[int, str]] = {}
        for name in (
            "digitalSkillsCollection_en.csv",
            "transversalSkillsCollection_en.csv",
            "languageSkillsCollection_en.csv",
        ):
            with open(esco / name, encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    self._add(table, row["preferredLabel"], 0)
                    for alternative in _labels(row["altLabels"]):
                        self._add(table, alternative, 1)
        with open(esco / "skillsHierarchy_en.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for level in range(4):
                    term = _clean(row.get(f"Level {level} preferred term") or "")
                    if term and len(term.split()) <= 6:
                        self._add(table, term, 0)
        # skills_labels_desc.csv runs a skill's labels and definition together, so only the
        # topic before a generic head of the first label is taken ("welding techniques ...").
        with open(esco / "skills_labels_desc.csv", encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                words = (row.get("description") or "").split()[:5]
                for size in (1, 2, 3):
                    if len(words) > size and words[size] in SKILL_HEADS:
                        topic = words[:size]
                        if all(re.fullmatch(r"[a-z][a-z-]*", w) for w in topic):
                            self._add(table, " ".join(topic), 2)
                        break
        self.skills = {k: text for k, (_rank, text) in table.items()}
        self.short_skills = {k: rank == 2 for k, (rank, _text) in table.items()}


def read_jmdict(path: Path):
    """Yield (idseq, forms, senses) for each JMdict entry.

    forms: [(text, is_kana, common, usable)]; senses: [(glosses, pos, misc, field)].
    """
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:

        def grouped(sql: str) -> dict:
            table = defaultdict(list)
            for owner, value in connection.execute(sql):
                table[owner].append(value)
            return table

        kanji_priority = grouped("SELECT kid, text FROM KJP")
        kanji_info = grouped("SELECT kid, text FROM KJI")
        kana_priority = grouped("SELECT kid, text FROM KNP")
        kana_info = grouped("SELECT kid, text FROM KNI")
        kana_restriction = grouped("SELECT kid, text FROM KNR")
        glosses = grouped("SELECT sid, text FROM SenseGloss WHERE lang = 'eng' ORDER BY rowid")
        pos = grouped("SELECT sid, text FROM pos")
        misc = grouped("SELECT sid, text FROM misc")
        fields = grouped("SELECT sid, text FROM field")
        kanji = defaultdict(list)
        for kid, idseq, text in connection.execute("SELECT ID, idseq, text FROM Kanji ORDER BY ID"):
            kanji[idseq].append((kid, text))
        kana = defaultdict(list)
        for kid, idseq, text, nokanji in connection.execute(
            "SELECT ID, idseq, text, nokanji FROM Kana ORDER BY ID"
        ):
            kana[idseq].append((kid, text, bool(nokanji)))
        senses = defaultdict(list)
        for sid, idseq in connection.execute("SELECT ID, idseq FROM Sense ORDER BY ID"):
            senses[idseq].append(sid)
        idseqs = [row[0] for row in connection.execute("SELECT idseq FROM Entry ORDER BY idseq")]
    finally:
        connection.close()

    for idseq in idseqs:
        entry_senses = [
            (glosses.get(sid, []), pos.get(sid, []), misc.get(sid, []), fields.get(sid, []))
            for sid in senses.get(idseq, [])
        ]
        usually_kana = any(USUALLY_KANA in s[2] for s in entry_senses)
        forms = []
        kept_kanji = set()
        for kid, text in kanji.get(idseq, []):
            usable = not SKIPPED_FORM_INFO.intersection(kanji_info.get(kid, []))
            forms.append((text, False, bool(kanji_priority.get(kid)), usable))
            if usable:
                kept_kanji.add(text)
        has_kanji = bool(kanji.get(idseq))
        for kid, text, nokanji in kana.get(idseq, []):
            usable = not SKIPPED_FORM_INFO.intersection(kana_info.get(kid, []))
            restricted = kana_restriction.get(kid)
            if restricted and not kept_kanji.intersection(restricted):
                usable = False
            # A kana reading of a kanji word only stands for it when the word is written in kana.
            if has_kanji and not (usually_kana or nokanji):
                usable = False
            forms.append((text, True, bool(kana_priority.get(kid)), usable))
        yield idseq, forms, entry_senses


def build(jmdict: Path, labels: Labels) -> tuple[list[tuple[str, str, str, str]], dict]:
    best: dict[tuple[str, str, str], tuple] = {}
    stats = defaultdict(int)
    loanwords: set[str] = set()  # glosses of katakana words (`_is_loanword`)
    for idseq, forms, senses in read_jmdict(jmdict):
        stats["entries"] += 1
        common = any(c for _t, _k, c, _u in forms)
        terms = [
            (text, c)
            for text, _is_kana, c, usable in forms
            if usable
            and len(text) >= 2
            and not (len(text) <= 2 and _HIRAGANA.match(text))
            and not re.search(r"[A-Za-z0-9\uff10-\uff5a]", text)
        ]
        if not terms:
            continue
        thing = any(text.endswith(THING_SUFFIXES) for text, _c in terms)
        for sense_index, (gloss_list, pos, misc, fields) in enumerate(senses):
            if SKIPPED_MISC.intersection(misc):
                continue
            for gloss_index, gloss in enumerate(gloss_list):
                found = _match(gloss, labels, sense_index, common, fields)
                # Occupations are nouns for people, not things ("mixer" 撹拌機) or qualities.
                if not any(p in NOUN_POS for p in pos) or ADJECTIVE_POS.intersection(pos) or thing:
                    found = [f for f in found if f[0] != "occupation"]
                gloss_key = key(gloss)
                noun = (
                    common
                    and sense_index == 0
                    and any(p in NOUN_POS for p in pos)
                    and not SKIPPED_FIELDS_FOR_WORDS.intersection(fields)
                )
                # A noun that takes の (システムの) is still a noun, for a katakana word.
                adjective = ADJECTIVE_POS.intersection(pos)
                if not found and gloss_key and noun and gloss_index < 2:
                    if not adjective and _is_job_word(gloss_key, labels):
                        found.append(("word", gloss_key, KIND_ORDER["word"]))
                    elif (
                        gloss_index == 0
                        and adjective <= {NO_POS}
                        and _is_loanword(terms, gloss_key, fields)
                    ):
                        found.append(("word", gloss_key, KIND_ORDER["word"]))
                        loanwords.add(gloss_key)
                for kind, english, kind_rank in found:
                    for text, form_common in terms:
                        if kind == "word" and (not form_common or _HIRAGANA.match(text)):
                            continue
                        term = unicodedata.normalize("NFKC", text)
                        rank = (
                            0 if form_common else 1,
                            sense_index,
                            kind_rank,
                            gloss_index,
                            idseq,
                        )
                        row_key = (term, english, kind)
                        if row_key not in best or rank < best[row_key]:
                            best[row_key] = rank
    # An English word that many different entries gloss is too general to tell a job.
    word_entries = defaultdict(set)
    for (_term, english, kind), rank in best.items():
        if kind == "word":
            word_entries[english].add(rank[-1])
    general = {
        english
        for english, entries in word_entries.items()
        if len(entries) > MAX_WORD_ENTRIES and english not in loanwords
    }
    stats["general words"] = len(general)
    best = {r: rank for r, rank in best.items() if not (r[2] == "word" and r[1] in general)}
    rows = sorted(best, key=lambda r: (r[0], best[r], r[1]))
    return [(term, english, kind, "jmdict") for term, english, kind in rows], stats


def _match(gloss: str, labels: Labels, sense_index: int, common: bool, fields: list[str]):
    """(kind, ESCO label, rank of kind) for an occupation or skill that the gloss names.

    The gloss is tried with its parenthetical words first ("security (officer)"), then
    without them ("nurse (esp. female)").
    """
    verb = gloss.startswith("to ")
    found = []
    for kind, table in (("occupation", labels.occupations), ("skill", labels.skills)):
        for gloss_key in dict.fromkeys((key(gloss, notes=True), key(gloss))):
            label = table.get(gloss_key)
            if not label or not _same_case(label, gloss):
                continue
            if " " not in gloss_key and not _one_word_ok(gloss_key, sense_index, common, fields):
                continue
            # Verbs ("to judge") name no occupation; a one-word verb ("to develop") no skill.
            if verb and (kind == "occupation" or " " not in gloss_key):
                continue
            rank = KIND_ORDER[kind]
            if kind == "skill" and labels.short_skills.get(gloss_key):
                rank = KIND_ORDER["word"]  # a topic guessed from a label, not a label
            found.append((kind, label, rank))
            break
    return found


def _one_word_ok(gloss_key: str, sense_index: int, common: bool, fields: list[str]) -> bool:
    """One-word glosses are often homographs ("factor", "anchor"): keep them when they are
    the entry's first sense or the entry is common, and not of a scholarly field."""
    if len(gloss_key) < 2 or gloss_key in GENERAL_WORDS or gloss_key in VAGUE_SKILLS:
        return False
    if SKIPPED_FIELDS_FOR_WORDS.intersection(fields) or SCHOLARLY_FIELDS.intersection(fields):
        return False
    return sense_index == 0 or common


def _same_case(label: str, gloss: str) -> bool:
    """A label with capitals ("Polish", "CALL") is a name: the gloss must spell it alike."""
    if label == label.lower():
        return True
    bare = _PARENTHESES.sub(" ", label).split()
    return bare == _PARENTHESES.sub(" ", gloss).split() or bare == gloss.split()[1:]


def _is_job_word(gloss_key: str, labels: Labels) -> bool:
    words = gloss_key.split()
    if not 1 <= len(words) <= 2 or not all(re.fullmatch(r"[a-z]{3,}", w) for w in words):
        return False
    if all(w in GENERAL_WORDS for w in words):
        return False
    return labels.occupation_phrases.get(gloss_key, 0) >= MIN_WORD_LABELS


def _is_loanword(terms: list[tuple[str, bool]], gloss_key: str, fields: list[str]) -> bool:
    """A common word written in katakana only, whose first gloss is one or two plain words:
    the gloss is the word's meaning (mostly its source: システム "system", サポート
    "support"), whatever other entries it glosses; otherwise a katakana word is left
    unread, or read as a shorter word inside it (サポート as ポート "port")."""
    words = gloss_key.split()
    return (
        bool(terms)
        and all(_KATAKANA.match(text) for text, _common in terms)
        and 1 <= len(words) <= 2
        and all(re.fullmatch(r"[a-z]{2,}", w) for w in words)
        and not SCHOLARLY_FIELDS.intersection(fields)
    )


def write(rows: list[tuple[str, str, str, str]], output: Path, source_note: str) -> None:
    text = io.StringIO()
    text.write(
        "# term\tenglish\tkind\tsource -- Japanese terms from JMdict (EDRDG, CC BY-SA 4.0) "
        f"matched to English ESCO labels; {source_note}; built by scripts/build_lexicon_ja.py\n"
    )
    for row in rows:
        text.write("\t".join(row) + "\n")
    output.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(output, "wb") as raw,
        gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as out,
    ):
        out.write(text.getvalue().encode("utf-8"))


def default_jmdict() -> Path:
    try:
        import jamdict_data
    except ImportError as error:
        raise SystemExit(
            "install jamdict-data (pip install jamdict-data) or pass --jmdict"
        ) from error
    return Path(jamdict_data.JAMDICT_DB_PATH)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jmdict", type=Path, help="jamdict.db of the jamdict-data package")
    parser.add_argument("--esco", type=Path, default=DEFAULT_ESCO)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args()
    jmdict = args.jmdict or default_jmdict()
    labels = Labels(args.esco)
    rows, stats = build(jmdict, labels)
    connection = sqlite3.connect(f"file:{jmdict}?mode=ro", uri=True)
    meta = dict(connection.execute("SELECT key, value FROM meta"))
    connection.close()
    try:
        from jamdict_data import __version__ as package_version
    except ImportError:
        package_version = "?"
    write(
        rows,
        args.output,
        f"JMdict (DTD {meta.get('jmdict.version', '?')}) from jamdict-data {package_version}",
    )
    kinds = defaultdict(int)
    for _term, _english, kind, _source in rows:
        kinds[kind] += 1
    print(
        f"{stats['entries']} JMdict entries, {len(labels.occupations)} occupation labels, "
        f"{len(labels.skills)} skill labels, {stats['general words']} general words dropped "
        f"-> {len(rows)} rows "
        f"({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), "
        f"{len({r[0] for r in rows})} terms -> {args.output} ({args.output.stat().st_size // 1024} KiB)"
    )


if __name__ == "__main__":
    main()
