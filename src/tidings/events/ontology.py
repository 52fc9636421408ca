"""PLOVER, the event ontology tidings codes into (the successor of CAMEO used by POLECAT).

Each type keeps its CAMEO root code for users of older data (GDELT, ICEWS), GDELT's quad class
(1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict) and a
cooperation/conflict score on the Goldstein scale (-10 .. +10), taken as the usual value of the
type's CAMEO root. Older PLOVER drafts (and the PLOVER gold standard) call REQUEST "DEMAND" and
ACCUSE "DISAPPROVE": `canonical_type` accepts both spellings.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str  # CAMEO root code ("03")
    quad: int  # GDELT QuadClass
    goldstein: float
    modes: tuple[str, ...]
    description: str


TYPES: dict[str, EventType] = {t.name: t for t in [
    EventType("AGREE", "03", 1, 4.0, ("diplomatic", "economic", "military", "ceasefire", "settlement"),
              "promise, agree to, sign or announce an intent to cooperate"),
    EventType("CONSULT", "04", 1, 1.0, ("phone", "visit", "host", "third-party", "multilateral"),
              "meet, talk, negotiate, telephone, visit or host"),
    EventType("SUPPORT", "05", 1, 3.5, ("diplomatic", "praise", "recognize", "apologize"),
              "express support, praise, endorse, recognise, apologise"),
    EventType("COOPERATE", "06", 2, 6.0, ("economic", "military", "intelligence", "judicial"),
              "cooperate materially: joint exercises, trade, sharing intelligence, extradition"),
    EventType("AID", "07", 2, 7.0, ("economic", "military", "humanitarian", "asylum"),
              "give economic, military or humanitarian aid, grant asylum"),
    EventType("CONCEDE", "08", 2, 5.0, ("release", "policy", "ease", "resign", "return", "disarm"),
              "yield: release prisoners, lift restrictions, ease sanctions, resign, give back territory"),
    EventType("RETREAT", "08", 2, 5.0, ("withdraw", "ceasefire", "surrender", "demobilize"),
              "withdraw troops, observe a ceasefire, surrender, demobilise"),
    EventType("INVESTIGATE", "09", 3, -2.0, ("crime", "corruption", "human-rights", "military"),
              "investigate, open an inquiry, probe"),
    EventType("REQUEST", "10", 3, -5.0, ("demand", "appeal", "ultimatum"),
              "demand, request, call for, appeal, urge"),
    EventType("ACCUSE", "11", 3, -2.0, ("criticize", "allege", "sue"),
              "criticise, condemn, accuse, blame, denounce, sue"),
    EventType("REJECT", "12", 3, -4.0, ("refuse", "veto", "defy"),
              "reject, refuse, veto, deny a request, defy"),
    EventType("THREATEN", "13", 3, -6.0, ("violence", "sanction", "ultimatum", "restrict"),
              "threaten force, sanctions or other action; warn of consequences"),
    EventType("PROTEST", "14", 4, -6.5, ("demo", "strike", "hunger-strike", "boycott", "obstruct", "riot"),
              "demonstrate, rally, march, strike, boycott, block, riot"),
    EventType("MOBILIZE", "15", 4, -7.2, ("troops", "weapons", "police", "alert"),
              "mobilise or deploy forces, raise alert levels, show of force"),
    EventType("SANCTION", "16", 3, -4.0, ("economic", "relations", "expel", "embargo", "restrict", "curfew"),
              "impose sanctions or embargoes, cut relations, expel diplomats, restrict"),
    EventType("COERCE", "17", 4, -7.0, ("arrest", "deport", "seize", "destroy", "censor", "ban"),
              "arrest, detain, deport, seize property, destroy, censor, ban"),
    EventType("ASSAULT", "18", 4, -9.0, ("kill", "assassinate", "explosives", "suicide-attack", "abduct", "torture", "sexual"),
              "one-sided violence: kill, bomb, abduct, torture, attack civilians"),
    EventType("FIGHT", "19", 4, -10.0, ("firearms", "heavy-weapons", "aerial", "naval", "clash"),
              "armed fighting between organised forces: clashes, shelling, air strikes, battles"),
]}

ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE"}

# the sectors an actor can belong to (as in PLOVER/POLECAT actor coding)
SECTORS = {
    "GOV": "government", "MIL": "military", "COP": "police", "JUD": "judiciary", "LEG": "legislature",
    "OPP": "opposition", "PTY": "political party", "REB": "rebels", "IMG": "armed group / militia",
    "CVL": "civilians", "LAB": "labour", "BUS": "business", "MED": "media", "EDU": "education",
    "REL": "religious", "REF": "refugees", "IGO": "international organisation", "NGO": "non-governmental organisation",
}

# non-state codes that take the place of a country code (as in CAMEO actor codes)
INTERNATIONAL = "IGO"


def canonical_type(name: str) -> str:
    """'DEMAND' -> 'REQUEST'; unknown names raise KeyError."""
    name = name.strip().upper()
    name = ALIASES.get(name, name)
    if name not in TYPES:
        raise KeyError(name)
    return name
