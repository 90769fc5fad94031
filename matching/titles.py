"""Job titles: the key a title is compared by, and titles read from CV-shaped text.

A profile without a headline gets its title from the phrases of its experience that may
name the job (`title_candidates`; `CorpusMixin._infer_titles` picks the one nearest an ESCO
occupation). The phrases are read in English and in the English reading of Khmer and
Japanese text (`normalise`): "as" / ជា / として mark the job, "then" / បន្ទាប់មក the later one."""

import re

from .taxonomy import Taxonomy
from .text import normalise


def title_key(title: str) -> str:
    """The key a normalised title is compared by: without numbers ("operator 2", "level 3"
    name the same job), and followed by the name of the one ESCO occupation it is a label
    of (`Taxonomy.occupation_name`): "motorbike mechanic vehicle technician" and
    "motorcycle mechanic vehicle technician" (the reading of バイク整備士 and ជាងជួសជុលម៉ូតូ)
    share the name the job goes by, and keep the words each was written with."""
    if any(c.isdigit() for c in title):
        title = " ".join(w for w in title.split() if not w.isdigit())
    name = Taxonomy.default().occupation_name(title)
    return title if name == title else f"{title} {name}"


_CLAUSE = re.compile(r"(?<!\d)[.!?;:\n()\[\]](?!\d)|\s[-–—|/]\s|\s-(?=\s|\d)")


_AS = re.compile(r"\bas (?:an? |the )?")


_BREAK = re.compile(
    r" (?:at|in|for|with|from|on|of|since|during|and|to|where|when|by|under|after|before|"
    r"within|between|until|including|doing|handling|responsible|then)\b|[,(]"
)


_LEADING = re.compile(
    r"^(?:(?:i|i've|have|has|had|am|was|were|been|being|work|worked|working|works|"
    r"employed|experience|experiences|experienced|job|jobs|position|role|current|currently|"
    r"previous|previously|former|formerly|years?|yrs?|months?|over|more|than|about|of|as|a|"
    r"an|the|my|present|now|today|since|from|to|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|"
    r"oct|nov|dec|january|february|march|april|june|july|august|september|october|"
    r"november|december|\d+\S*)\s+)+"
)


# The job a CV names after "then" is the later one, the person's job now: "construction
# worker 2 years then bricklayer", Khmer បន្ទាប់មក(ធ្វើ)ជា "then (worked) as".
_THEN = re.compile(
    r"(?:\bthen|បន្ទាប់មក(?:ធ្វើ)?(?:ជា)?) (?:(?:worked |working |became |promoted to )?as |became )?"
    r"(?:an? |the )?"
)
# Khmer ជា / ធ្វើជា "(worked) as" ends a run of Khmer letters; the job follows, read in English.
# After មុននោះ "before that" it names an earlier job.
_AS_KM = re.compile(r"(?:^|(?<=\s)|(?<=[\u1780-\u17ff]))(?:ធ្វើ)?ជា ")
_BEFORE_KM = re.compile(r"មុននោះ(?:ធ្វើ)?ជា $|ពីមុន(?:ធ្វើ)?ជា $")
# Japanese として "as" follows the job: 溶接工として is read "welder として".
_LATIN_WORD = r"[a-z0-9][a-z0-9/&.-]*"  # a word of the English reading
_AS_JA = re.compile(rf"((?:{_LATIN_WORD} ){{0,4}}{_LATIN_WORD}) ?として")
_LATIN_RUN = re.compile(rf"(?:{_LATIN_WORD}(?: |$))+")


def _job_after(text: str) -> list[str]:
    """The words that open `text`, in English, up to a break ("at", "in", ...) and at most
    five, and their shorter openings: "kitchen assistant preparing vegetables" names the
    job in its first two words."""
    run = _LATIN_RUN.match(text)
    words = _BREAK.split(run.group(), maxsplit=1)[0].split()[:5] if run else []
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]


def title_candidates(experience: str) -> list[tuple[str, float]]:
    """Phrases of a CV-shaped text that may name the job, each with a bonus: the words
    after "then" name the later job, those after "as (a|an)" (Khmer ជា, before Japanese
    として) a job most often, then the head of the first clause."""
    text = str(experience)[:400]
    found = []
    normalised = normalise(text)
    for match in _THEN.finditer(normalised):
        found.extend((phrase, 0.15) for phrase in _job_after(normalised[match.end() :]))
    for match in _AS.finditer(normalised):
        found.extend((phrase, 0.1) for phrase in _job_after(normalised[match.end() :]))
    for match in _AS_KM.finditer(normalised):
        earlier = _BEFORE_KM.search(normalised[: match.end()])
        bonus = 0.0 if earlier else 0.1
        found.extend((phrase, bonus) for phrase in _job_after(normalised[match.end() :]))
    for match in _AS_JA.finditer(normalised):
        words = match.group(1).split()  # the job ends where として starts
        found.extend((" ".join(words[n:]), 0.1) for n in range(len(words) - 1, -1, -1))
    for position, clause in enumerate(_CLAUSE.split(text)[:6]):
        head = _BREAK.split(normalise(clause), maxsplit=1)[0]
        head = _LEADING.sub("", head + " ").strip()
        found.append((" ".join(head.split()[:5]), 0.05 if position == 0 else 0.0))
    # "Babysitter/nanny", "cook/kitchen helper": each name of the job on its own too.
    found = [
        (alternative, bonus)
        for phrase, bonus in found
        for alternative in [phrase, *(p.strip() for p in phrase.split("/") if "/" in phrase)]
    ]
    out, seen = [], set()
    for phrase, bonus in found:
        phrase = title_key(phrase)
        if phrase and phrase not in seen:
            seen.add(phrase)
            out.append((phrase, bonus))
    return out[:16]
