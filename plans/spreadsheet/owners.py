"""Matching the owners an Items row names to people: by initials or an alias ("SEND GM" for PeRi), or
by a full name or job title that is exactly one person's; anything else is reported with the nearest
person as a suggestion. A group (a board, team or role) is matched as a person is: by its short name
(its initials) or its name.

Plain Python: the caller gives the people it knows (the file's People sheet over the area's people).
"""

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

_AND = re.compile(r"\s+and\s+", re.I)
_SEPARATORS = re.compile(r"[/;,&\n]")  # as cells.read_owners splits an Owners cell


@dataclass(frozen=True)
class Known:
    initials: str
    name: str = ""
    job_title: str = ""
    aliases: tuple[str, ...] = ()  # other names, matched exactly like initials
    is_group: bool = False

    @property
    def described(self) -> str:
        """ "KD (Karen Davies)", or the initials alone; a group "SIB (SEND Improvement Board)"."""
        detail = self.name or self.job_title
        return f"{self.initials} ({detail})" if detail else self.initials


def _key(text: str) -> str:
    return " ".join(text.replace(".", " ").split()).lower()


def _initials_of(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalpha()).lower()


@dataclass
class Match:
    """What an owner's words were read as: `initials` found (one per owner), or `problem` words."""

    words: str
    initials: list[str]
    problem: str = ""
    by_name: bool = False  # matched by a name or job title rather than initials


class OwnerMatcher:
    """Finds people by their initials (any case, dots ignored: "k.d." is KD), or a full name or job
    title that belongs to exactly one of them."""

    def __init__(self, people: Iterable[Known]):
        self.by_initials: dict[str, Known] = {}
        for person in people:
            self.by_initials[_key(person.initials).replace(" ", "")] = person
        for person in list(self.by_initials.values()):
            for alias in person.aliases:  # an alias never hides someone's initials
                self.by_initials.setdefault(_key(alias).replace(" ", ""), person)
        self.by_words: dict[str, list[Known]] = {}
        for person in dict.fromkeys(self.by_initials.values()):
            for words in {_key(person.name), _key(person.job_title)} - {""}:
                self.by_words.setdefault(words, []).append(person)
        # Names holding a separator ("E&S Commissioning Team"), longest first, kept whole when splitting.
        held = {n for p in self.by_initials.values() for n in (p.name, p.job_title) if _SEPARATORS.search(n)}
        self.separated = sorted(held, key=len, reverse=True)

    def split(self, written: str) -> list[str]:
        """An Owners (or Lead, or Members) cell's owners, split at /, ;, commas, & and new lines as
        `cells.read_owners` splits them, except inside a known name that holds one of those: "E&S
        Commissioning Team / KD" is two owners."""
        kept: list[str] = []

        def hold(found: re.Match[str]) -> str:
            kept.append(found.group(0))
            return f"\x00{len(kept) - 1}\x00"

        text = written or ""
        for name in self.separated:
            text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", hold, text, flags=re.I)
        parts = []
        for part in _SEPARATORS.split(text):
            part = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], part)
            parts.append(" ".join(part.split()))
        return list(dict.fromkeys(p for p in parts if p))

    def _exact(self, words: str) -> Known | list[Known] | None:
        key = _key(words)
        if (person := self.by_initials.get(key.replace(" ", ""))) is not None:
            return person
        found = self.by_words.get(key, [])
        return found[0] if len(found) == 1 else (found or None)

    def person(self, words: str) -> Known | None:
        """The one person these words are the initials, name or job title of, else None."""
        found = self._exact(words)
        return found if isinstance(found, Known) else None

    def suggestion(self, words: str) -> Known | None:
        """The person most like what was written: by initials, by name or job title, or by the
        initials of what was written ("Karen Davis" is most like KD)."""
        key = _key(words)
        candidates: dict[str, Known] = {}
        for person in self.by_initials.values():
            for text in (person.initials, person.name, person.job_title):
                if text:
                    candidates.setdefault(_key(text), person)
        close = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.75)
        if close:
            return candidates[close[0]]
        return self.by_initials.get(_initials_of(key)) if " " in key else None

    def match(self, words: str) -> Match:
        """One owner cell's part (split at /, ; , and &): a person, or several joined by "and"."""
        found = self._exact(words)
        if isinstance(found, Known):
            by_name = _key(words).replace(" ", "") != _key(found.initials)
            return Match(words, [found.initials], by_name=by_name)
        parts = _AND.split(words)
        if found is None and len(parts) > 1:
            matches = [self.match(part) for part in parts]
            if not any(m.problem for m in matches):
                initials = [i for m in matches for i in m.initials]
                return Match(words, initials, by_name=any(m.by_name for m in matches))
        if found:
            who = ", ".join(p.initials for p in found)
            return Match(
                words,
                [],
                f'"{words}" is the name or job title of {len(found)} people ({who}). Use their initials',
            )
        return Match(words, [], self.unknown(words))

    def unknown(self, words: str) -> str:
        """The words for an owner who is nobody known, with the nearest person as a suggestion."""
        message = f'"{words}" is not in the People sheet or among the area\'s people'
        if (near := self.suggestion(words)) is not None:
            return (
                f"{message}: did you mean {near.described}? "
                "Use their initials, or add them to the People sheet"
            )
        return f"{message}. Add {words} to the People sheet, or correct the initials"
