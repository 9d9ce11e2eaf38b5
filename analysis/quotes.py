"""Quotations and reported speech in articles, with who said them.

``find_quotes(articles)`` returns one row per quotation: ``doc_id``, ``start``, ``end``, ``text``
(``article_text[start:end]``), ``kind``, ``cue``, ``speaker`` and ``speaks_for``. Regular expressions
and a little bookkeeping, no models; the rules:

1. **Direct quotes.** Text between curly (“ ”) or straight (") double quotes; the span is the words
   inside the marks. A quotation that does not close before the paragraph ends continues into the
   next paragraph when that paragraph opens with a quote mark or its first mark closes the quote;
   it is then one record spanning both paragraphs.
2. **Attribution.** Before the quote (``Lavrov said: “...``, ``he said, “...``), after it (``“...,”
   the minister stated.``, ``“...,” said Lavrov``, ``“...,” according to Lavrov``) or, for a quote
   with none, the speaker of the quote before it in the same paragraph (its cue too) or else the
   last speaker named (cue ""). A quoted title or a short quoted phrase with no speech cue (“smear
   campaign”, “Foster High-Quality BRICS Partnership”) is not a quotation.
3. **Indirect speech.** ``X said (on Monday) (that) ...``, ``X told a news conference that ...``,
   ``X noted / stressed / believes / expressed confidence that ...``, ``According to X, ...``,
   ``..., according to X.``, ``..., X said (on Monday)``: the span is the reported clause (cue,
   speaker and "that" excluded) up to the end of the sentence (full stop excluded). A reported
   clause containing a quoted fragment is ``mixed`` and its span is the whole clause.
4. **Who.** A name is resolved through the speakers lexicon (``Sergey Lavrov``, ``Foreign Minister
   Lavrov``, ``Russia's foreign minister`` -> ``Sergei Lavrov``); an unknown name is kept as written.
   ``he``/``she``/``him``/``her`` refer back to the last speaker of a compatible gender; "the
   minister", "the president", "the spokesman" to the last speaker whose office has that word (else
   the last speaker). Speaker labels of transcripts (:mod:`analysis.speakers`) reset the memory.
   ``speaks_for`` comes from the lexicon (Lavrov -> Russia), "" for people it does not know.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.sentences import sentence_spans
from analysis.speakers import Person, Speakers, _check_articles, _field, _field_name, fold, load_speakers

logger = logging.getLogger(__name__)

QUOTE_COLUMNS = ["doc_id", "start", "end", "text", "kind", "cue", "speaker", "speaks_for"]

#: Speech verbs and phrases (the cue column gives the phrase as written, lower case).
CUE_VERBS = (
    r"(?:expressed|reiterated|reaffirmed|restated|shared|voiced|conveyed|outlined|repeated|set\s+out|made\s+clear)\s+"
    r"(?:his|her|their|its|the)\s+(?:(?:firm|strong|deep|personal|own|long-held|consistent|shared|common|joint|"
    r"unanimous|mutual)\s+)?"
    r"(?:view|belief|hope|conviction|opinion|position|assessment|expectation)(?=\s+that\b)|"
    r"said|says|say|told|tells|added|adds|asked|asks|projected|projects|estimated|estimates|forecast|forecasts|stated|states|noted|notes|stressed|stresses|emphasi[sz]ed|"
    r"emphasi[sz]es|underlined|underlines|underscored|underscores|pointed\s+out|points\s+out|believes|believed|"
    r"thinks|warned|warns|argued|argues|claimed|claims|insisted|insists|explained|explains|announced|announces|"
    r"recalled|recalls|reiterated|reiterates|confirmed|confirms|acknowledged|acknowledges|suggested|suggests|"
    r"asserted|asserts|declared|declares|remarked|remarks|observed|admitted|admits|replied|replies|responded|"
    # "reassured us that", not "we are reassured that"
    r"reassured(?=\s+(?!that\b)[\w’'\-]+(?:\s+[\w’'\-]+)?\s+that\b)|"
    r"wrote|writes|continued|concluded|concludes|observes|(?:finds|found)(?=\s+that\b)|assured|informed|clarified|specified|agreed|affirmed|reaffirmed|reported|"
    r"reads|discussed|described|describes|outlined|highlighted|highlights|indicated|indicates|mentioned|commented|recounted|predicted|"
    r"hoped|hopes|hope|believe|feel|feels|felt|maintained|maintains|contended|conceded|reminded|cautioned|"
    r"expressed\s+(?:his\s+|her\s+|their\s+|the\s+)?(?:confidence|hope|concerns?|regret|conviction|"
    r"certainty|view|opinion|belief|satisfaction)|voiced\s+(?:confidence|hope|concern)|"
    r"made\s+(?:it\s+)?clear|(?:has|have|had)\s+been\s+(?:very\s+|abundantly\s+)?clear|expressed(?=\s+that\b)|"
    r"(?:was|were)\s+(?:very\s+|abundantly\s+|crystal\s+)?clear(?=\s+(?:that|with)\b)|"  # "Biden was very clear that"
    r"made\s+(?:the|this|that|a)\s+(?:\w+\s+)?point(?=\s+(?:\w+\s+){0,6}?that\b)|"  # "I made the point that"
    r"(?:pledged|promised|vowed|raised|committed|shared|requested|expects|expected|joked|jokes|joke)(?=\s+that\b)|"
    r"(?:promised|promises)(?=\s+(?!to\b|that\b)(?:[\w’'\-]+\s+){1,4}?that\b)|"  # "promised every American that"
    r"articulated|inquired|(?:suggest|project)(?=\s+that\b)|notified(?=\s+(?:[\w’'\-]+\s+){1,4}?that\b)|"
    r"made\s+(?:the|a|her|his|their|our|your|my)\s+(?:\w+\s+)?case(?=\s+that\b)|"  # "you always made the case that"
    r"(?:spoke|talked)\s+about(?=\s+(?:how|why|what|whether)\b)|elaborated|"
    r"(?:is|was|are|were)\s+(?:convinced|confident)|conveyed|"
    r"(?:is|are|was|were)\s+(?:also\s+|just\s+)?(?:announcing|saying|telling|noting|stressing|emphasi[sz]ing|highlighting|reiterating|"
    r"underscoring|making\s+clear|warning|arguing|claiming|insisting|explaining|suggesting)|"
    r"(?:has|had)\s+(?:said|stated|noted|stressed|warned|repeatedly\s+said)|"
    r"reiterate|highlight|underscore|emphasi[sz]e|stress|note|announce|explain|warn|argue|tell|add|recount|describe|"
    r"discuss|reaffirm|affirm|confirm|acknowledge|point\s+out|underline|outline|recall|insist|claim|declare|remark|"
    r"suggest|indicate|mention|predict|report"
)
#: Base forms are cues only after a modal ("President Biden will reiterate that ..."); "The Leaders note that"
#: in a joint statement is its authors' own voice.
_BASE_FORMS = {
    "reiterate", "highlight", "underscore", "emphasise", "emphasize", "stress", "note", "announce", "explain", "warn",
    "argue", "tell", "add", "recount", "describe", "discuss", "reaffirm", "affirm", "confirm", "acknowledge",
    "point out", "underline", "outline", "recall", "insist", "claim", "declare", "remark", "suggest", "indicate",
    "mention", "predict", "report",
}  # fmt: skip
_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|shall|can|could|may|might|must|to)\s+(?:(?:also|again|further|once\s+again|then|later|"
    r"likely|each|both|all|not\s+only|publicly|personally|specifically)\s+)*$"
)
_OBJECT_VERBS = {"told", "tells", "tell", "assured", "reassured", "informed", "warned", "reminded", "conveyed",
                 "notified"}
#: Verbs whose reported clause may follow without "that" ("Lavrov said the US ..."); the others
#: need "that" ("stressed that ...", not "stressed the importance of ...").
_BARE_VERBS = {
    "said", "says", "say", "believes", "believed", "thinks", "added", "adds", "claimed", "claims", "argued",
    "argues", "insisted", "insists", "wrote", "writes", "stated", "is convinced", "was convinced",
    "has said", "had said", "believe", "hope", "hopes", "hoped", "told", "tells", "expressed hope", "are convinced",
    "were convinced",
    "expressed confidence", "voiced hope", "voiced confidence",
}  # fmt: skip
#: Present-tense attitude verbs that, with "I" or "we", are the author's own statement, not a quotation.
_PERFORMATIVE = {"believe", "hope", "think", "feel", "say", "agree", "affirm", "reaffirm", "note", "stress"}
#: Present-tense attitude cues, and the names a publisher gives its own state (see ``_own_state_view``).
_PRESENT_ATTITUDE = {"believes", "hopes", "thinks", "feels", "is convinced", "is confident", "remains convinced"}
_OWN_STATE = {
    "whitehouse": {"the united states", "the u.s.", "united states", "america", "the united states of america"},
    "kremlin": {"russia", "the russian federation"},
}
_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|these|those|this|that|its|their|our|his|her|two|three|other|member|some|all|many|such|"
    r"of)|[0-9])\s+$",
    re.IGNORECASE,
)
_NOT_SPEAKERS = {
    "someone", "somebody", "they", "we", "it", "this", "that", "these", "those", "there", "you", "participants",
    "both", "all", "others", "some", "many", "officials", "leaders", "sides", "the sides", "the parties", "the leaders",
    "the participants", "the presidents", "the two leaders", "the ministers",
}  # fmt: skip
_PERSON_NOUNS = (
    r"minister|president|spokesman|spokeswoman|spokesperson|secretary|official|diplomat|leader|chancellor|"
    r"ambassador|premier|envoy|chief|head|adviser|advisor|representative|senator|governor|mayor|source|"
    r"general|commander|director|chairman|chairwoman|chair|prime\s+minister|press\s+secretary|counterpart|"
    r"politician|lawmaker|congressman|congresswoman|negotiator|aide|officer|participant|side|party|message|"
    r"letter|telegram|statement|address|greeting|readout|authorities|government|ministry|department|"
    r"administration|commission|committee|agency|office|presidents|leaders|ministers|participants|sides|parties|"
    r"pentagon|kremlin|congress|senate|court|council|alliance|organi[sz]ation|company|association|embassy|service|"
    r"report|study|survey|analysis|resolution|vision|memorandum|declaration|communiqu[eé]|constitution|charter|"
    r"treaty|estimate|projection|forecast|poll|data|ceo|executive|founder|expert|analyst|economist|scientist|"
    r"researcher|professor|activist|worker|farmer|teacher|doctor|nurse|student|resident|citizen|member|owner|team|"
    r"winner|laureate|delegation|leadership|old-timer|veteran|journalist|reporter|lawyer|judge|historian|union|"
    r"board|fund|foundation|institute|bank|firm|coalition|network|manufacturer|retailer|bill|law|act|plan|order|"
    r"agenda|strategy|document|article|review"
)
#: Collective subjects kept as written ("regional authorities"), and groups of people (speaker "").
_ORG_NOUNS = {"authorities", "government", "ministry", "department", "administration", "commission", "committee",
              "agency", "office", "pentagon", "kremlin", "congress", "senate", "court", "council", "alliance",
              "organisation", "organization", "company", "association", "embassy", "service", "union", "board",
              "fund", "foundation", "institute", "bank", "firm", "coalition", "network"}  # fmt: skip
#: A speaker's own body ("my administration", "his government"): the speaker; not "my fire department".
_OWN_BODIES = {"administration", "government", "office", "team", "campaign", "staff", "ministry", "embassy", "service",
               "delegation", "leadership"}
#: Texts and estimates as subjects ("The report says that ..."): quotations with no speaker.
_TEXT_NOUNS = {"report", "study", "survey", "analysis", "document", "resolution", "law", "order", "memorandum",
               "declaration", "vision", "plan", "agenda", "strategy", "poll", "data", "estimate", "estimates",
               "communique", "communiqué", "treaty", "charter", "constitution", "bill", "act", "text", "article",
               "paper", "review", "index", "forecast", "projection", "projections", "bible", "qur’an", "quran",
               "koran", "torah", "scripture", "gospel"}  # fmt: skip
_GROUP_NOUNS = {"presidents", "leaders", "ministers", "participants", "sides", "parties", "officials", "heads",
                "experts", "analysts", "observers", "critics", "people", "sources", "scientists", "economists",
                "americans", "russians", "folks", "others", "many", "some", "members", "countries"}  # fmt: skip
#: Predicates of the reporting subject that end a reported clause ("... and asked for clarification").
_NEXT_PREDICATE = (
    r"asked|thanked|wished|called|urged|invited|proposed|welcomed|praised|promised|requested|instructed|"
    r"congratulated|discussed|reviewed|highlighted|expressed|voiced|reaffirmed|underscored|agreed|spoke|"
    r"went\s+on|turned|informed|raised|suggested|announced|offered|recommended|pledged|vowed|stressed|"
    r"emphasi[sz]ed|noted|said|added|explained|confirmed|reported|pointed\s+out|underlined|told|warned|"
    r"described|outlined|acknowledged|recalled|reiterated|commended|condemned|shared|encouraged"
)
_TITLE_WORDS = (
    r"(?:Foreign|Defen[cs]e|Prime|Deputy|First|Vice|Finance|Interior|Economy|Minister|President|Chancellor|"
    r"Secretary|General|Spokesman|Spokeswoman|Spokesperson|Press|Ambassador|Envoy|Adviser|Advisor|Senator|"
    r"Governor|Mayor|Chairman|Chief|Director|Admiral|Gen\.|Sen\.|Rep\.|Gov\.|Dr\.|Mr\.?|Ms\.?|Mrs\.?|of|the|"
    r"State|National|Security|Council|Kremlin|White|House|Russian|Ukrainian|American|US|U\.S\.|NATO|EU|"
    r"Croatian|German|French|British|Polish|Chinese|Turkish|Head|Office|President['’]s|Commander|Commander-in-Chief|"
    r"Internal|Affairs|Ukraine|Defense|Armed|Forces)"
)
_TOKEN = r"(?:[A-Z](?=[\w'’\-]*[a-zà-ÿ])[\w'’\-]*+|[A-Z]\.)"
_NAME = rf"{_TOKEN}(?:\s+(?:{_TOKEN}|von|der|de|bin|al))*(?:,?\s+Jr\.)?"
_PRONOUN = r"(?:he|she|He|She|they|They|I|we|We|you|You)"
#: "Dr. Walensky, you just said that": the person addressed by name just before "you".
_VOCATIVE_YOU = re.compile(
    r"(?:^|[.!?,;:—–-]\s*|\n\s*)(?P<name>(?:(?:Mr|Ms|Mrs|Dr|Gen|Sen|Gov)\.\s+)?[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?),"
    r"\s+(?:I\s+know\s+|and\s+|as\s+)?you\s+(?:[a-z’']+\s+){0,2}$"
)
#: Cues after which "you" is someone specific ("You said yesterday that ...", "As you told me"); "you can say
#: that", "you know that" are generic and give no quotation.
_YOU_CUES = {"said", "told", "mentioned", "noted", "stated", "indicated", "suggested", "promised", "pointed out",
             "made clear", "have said", "have stated", "have noted", "wrote", "announced", "stressed", "emphasised",
             "emphasized", "warned", "put it", "made the case"}  # fmt: skip
_OBJ_PRONOUN = r"(?:him|her)"
#: People of a speaker's story, named by relation or description ("my dad", "the little girl").
_KIN_NOUNS = (
    r"girl|boy|kid|child|man|woman|guy|gentleman|lady|mother|father|mom|dad|mum|uncle|aunt|grandfather|grandmother|"
    r"grandpa|grandma|son|daughter|brother|sister|friend|neighbou?r|cousin|nephew|niece|veteran|nurse|soldier|"
    r"grandson|granddaughter|grandchild|grandkid|grandparent|parent|wife|husband|spouse|fianc[eé]e?|stepfather|"
    r"stepmother|(?:mother|father|son|daughter|brother|sister)-in-law|baby|teenager|youngster|buddy|colleague|"
    r"co-?worker|classmate|roommate|boss|coach|pastor|priest|rabbi|imam|bishop|pope|nun|chaplain|sergeant|captain|"
    r"colonel|lieutenant|marine|sailor|pilot|cop|policeman|policewoman|firefighter|sheriff|judge|lawyer|attorney|"
    r"prosecutor|author|writer|poet|journalist|reporter|editor|historian|physician|surgeon|engineer|electrician|"
    r"plumber|carpenter|miner|steelworker|mechanic|driver|pharmacist|dentist|patient|survivor|victim|refugee|"
    r"immigrant|person|fellow|stranger|customer|employee|employer|voter|taxpayer|caregiver|principal|player|athlete|"
    r"fan|waitress|waiter|clerk|guard|host|mentor|partner"
)
_KIN_GENDER = {
    **dict.fromkeys(("boy", "man", "guy", "gentleman", "father", "dad", "uncle", "grandfather", "grandpa", "son",
                     "brother", "nephew", "grandson", "husband", "stepfather", "father-in-law", "son-in-law",
                     "brother-in-law", "policeman", "waiter", "fiance", "fiancé"), "m"),
    **dict.fromkeys(("girl", "woman", "lady", "mother", "mom", "mum", "aunt", "grandmother", "grandma", "daughter",
                     "sister", "niece", "granddaughter", "wife", "stepmother", "mother-in-law", "daughter-in-law",
                     "sister-in-law", "policewoman", "waitress", "nun", "fiancee", "fiancée"), "f"),
}  # fmt: skip
#: "my son Beau", "my granddaughter Naomi": the relative's first name after the relation.
_KIN_NAME = re.compile(r"(?:\s+(?P<name>[A-Z][a-z]{2,})(?:['’]s)?\b(?!\s+[A-Z])|,\s+(?P<name2>[A-Z][a-z]{2,}),)")
_BLOOD_KIN = {"son", "father", "dad", "brother", "grandson", "grandfather", "grandpa", "daughter", "granddaughter",
              "grandchild", "grandkid"}
#: "My dad used to say —": the speaker's relative, an antecedent of the "he" that follows.
_MY_KIN = re.compile(rf"\b[Mm]y\s+(?:(?:late|dear|beloved|old)\s+)?(?P<noun>{_KIN_NOUNS})\b(?!['’])")
_GENERIC = (
    rf"(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Mm]y|[Oo]ur|[Aa]n?|[A-Z][\w\-]+['’]s|[Ll]ocal|[Rr]egional|[Ff]ederal|One|Another|Both|"
    rf"All|Many|Several|Some|Most|Two|Three|Four|Five|Six|Ten|Dozens\s+of|Hundreds\s+of|\d[\d,]*|"
    rf"Large|Major|Big|Small|Leading|Senior|Top|Independent)\s+"
    rf"(?:[\w’'\-]+\s+){{0,3}}?(?i:{_PERSON_NOUNS}|{_KIN_NOUNS}|compan(?=ies)|part(?=ies))(?:s|ies)?\b"
    r"(?:\s+(?:from|of)\s+(?:the\s+)?[A-Z][\w\-]*(?:['’]s)?(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w\-]*(?:['’]s)?){0,3}|"
    r"\s+of\s+(?:(?:major|big|large|small|leading|local|many|our|the)\s+)?(?:[a-z]+\s+)?[a-z]+(?:ies|[^s]s)\b|"
    r"\s+in\s+[a-z]+)?"
)
#: A text and its holder: "new analysis from the White House Council of Economic Advisers", "data from HHS".
_TEXT_FROM = (
    r"(?:(?:the\s+)?(?:new|recent|latest|official|preliminary|updated)\s+)?(?:analysis|data|estimates|figures|research|"
    r"statistics|report|study|survey|projections)\s+(?:from|by|of)\s+(?:the\s+)?"
    r"[A-Z][\w\-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w\-]*){0,6}"
)
#: A named text or body after "according to": "the 2020 National Survey on Drug Use and Health".
_TITLED_TEXT = (
    r"(?:the\s+|a\s+|an\s+)?(?:(?:new|recent|latest|official|final|annual|updated)\s+)?(?:\d{4}\s+)?[A-Z][\w\-]*"
    r"(?:\s+(?:of|on|and|for|in|the|[A-Z][\w\-]*|\d{4})){0,10}"
)
#: People named by a plural noun alone: "leading economists", "independent experts".
_BARE_GROUP = (
    r"(?:(?!(?:the|a|an|these|those|their|our|its|his|her|two|both|all|many|some)\b)[a-z][\w\-]*\s+){0,2}"
    r"(?:economists|experts|analysts|officials|scientists|observers|sources|researchers|"
    r"diplomats|historians|estimates|polls|surveys|forecasters|critics|doctors)"
)
_SUBJECT = (
    rf"(?<![\w'’\-])(?P<subj>{_PRONOUN}\b|{_GENERIC}|(?:{_TITLE_WORDS}\s+)*+{_NAME}|(?:the\s+)?(?:[A-Z]{{2,6}}|U\.S\.)(?=\s)|"
    r"(?:economists|experts|analysts|forecasters|scientists|observers|researchers|historians|critics|doctors)\b|"
    r"Ukraine\b)"  # a title word ("the President of Ukraine") that is also a state: "Ukraine says that ..."
    r"(?:\s+\([A-Z][\w.&\-]{1,12}\))?"  # "the Food and Drug Administration (FDA)"
)
_ADVERBS = (
    r"(?:\s+(?:also|later|further|then|again|earlier|repeatedly|previously|once\s+again|has|had|have|would|used\s+to|"
    r"continues\s+to|continued\s+to|continue\s+to|"
    r"will|could|firmly|clearly|separately|however|meanwhile|long|always|often|in\s+turn|both|all|even|still|just|"
    r"recently|first|publicly|privately|reportedly|explicitly|specifically|personally|subsequently|similarly|"
    r"likewise|rightly|correctly|openly|frankly|already|never|once|jointly|together|each|strongly|formally|"
    r"officially|categorically|flatly|bluntly|candidly|proudly|confidently|optimistically|[a-z]+ly(?=\s+(?:said|noted|"
    r"stated|stressed|added|told|warned|argued|insisted|declared|asserted|emphasi[sz]ed)\b)))*"
)
_PAREN = (
    r"(?:,\s+(?:for\s+one|in\s+turn|however|meanwhile|too|though|who\s[^,;]{1,80}|(?:the|a|an)\s[^,;]{1,90}|"
    r"(?:President|CEO|Chief|Director|Chair|Chairman|Chairwoman|Secretary|Minister|Head|Founder|Executive|Vice|"
    r"Deputy|Senior|Professor|Mayor|Governor|Senator|Ambassador|Administrator|Commissioner)\b[^,;]{0,80}|"
    r"[a-z][^,;]{0,40})\s*,)?"
)

_CUE = re.compile(rf"\b(?P<cue>{CUE_VERBS})\b")
_CUE_TAIL = re.compile(
    rf"\b(?P<cue>{CUE_VERBS}|expressed|voiced|urged|teaches|taught|committed\s+to|called\s+(?:on|for)|go|goes|went|"
    rf"asking|saying|kid|yell|yelled|shouted|screamed|whispered|hollered|(?:kept\s+)?talking\s+about|"
    rf"called\s+(?!on\b|for\b)[^.;:“”\"]{{1,60}}?,(?=\s*$)|referred\s+to\s+[^.;:“”\"]{{1,60}}?\s+as(?:\s+[^.;:“”\"]{{1,30}})?|"
    rf"described\s+(?:[^.;:“”\"]{{1,90}}?\s+)?as|used\s+(?:these|those|the\s+following)\s+words)"
    rf"(?:,\s*(?:and\s+I\s+quote|quote)|,\s*in\s+part)?(?:(?:\s+\w+){{0,4}}?|"
    r"\s+(?:in|at|during)\s+(?:his|her|their|its|the|a|an|my|our)\s+(?:[\w’'\-]+\s+){0,7}?[\w’'\-]+)"  # "said in
    r"\s*[:,\]]?\s*$"  # his speech to the European Parliament “...”"
)
#: "As I told transgender Americans in my State of the Union Address yesterday evening, “...”"
_AS_TOLD_TAIL = re.compile(
    rf"(?:^|[.!?][”\"’]?\s+|:\s+|\n)(?:[A-Z][a-z]+,\s+)?[Aa]s\s+{_SUBJECT}"
    r"(?:\s+(?:of|from|at|in|with|who)\s+[^.;:,“”\"]{1,80}?)?"  # "As a parent of one of the first children ... said"
    rf"{_ADVERBS}\s+(?P<cue>said|told|put\s+it|wrote|noted|(?<=used\sto\s)say|"
    r"reminded|declared|promised|warned)\b[^.;:“”\"]{0,120}[,—–]\s*$"
)
#: A sentence that hands the one before it to a speaker: "This was stated by President Volodymyr Zelenskyy ...",
#: "Mykhailo Podoliak emphasized this during a briefing".
_THIS_WAS_SAID = re.compile(
    rf"\s*(?:This|That|It)\s+was\s+(?P<cue>stated|said|announced|emphasi[sz]ed|noted|stressed|declared|reported|"
    rf"underlined|underscored)\s+by\s+{_SUBJECT}"
)
_SAID_THIS = re.compile(
    rf"\s*{_SUBJECT}\s+(?:also\s+)?(?P<cue>said|stated|announced|emphasi[sz]ed|noted|stressed|declared|reported)\s+"
    r"this(?=\s*(?:[.,;]|$)|\s+(?:during|at|in|on|when|while|after|before|to|yesterday|today|earlier)\b)"
)
#: A byline under a paragraph-long quotation: '“...”*' then 'President Joe Biden' on its own line.
_BYLINE = re.compile(
    r"[ \t\xa0]*\n(?:[ \t\xa0]*\n)?[ \t\xa0\-–—]*(?P<subj>(?:(?:President|Vice\s+President|Secretary(?:\s+of\s+"
    r"[A-Z]\w+)?|First\s+Lady|Dr\.|Ambassador|Senator|Sen\.|Rep\.|Governor|Mayor)\s+)?[A-Z][\w.’'\-]*"
    r"(?:\s+[A-Z][\w.’'\-]*){1,3})[ \t\xa0]*(?:,|\n|$)"
)
_LINK_TARGET = re.compile(r"\]\([^)\s]{1,400}\)")
_SUBJECT_BEFORE = re.compile(rf"{_SUBJECT}(?:['’](?:d|ll|ve|s))?{_PAREN}{_ADVERBS}\s+$")
#: The antecedent of a relative "who" before a cue: "I spoke with Jake Sullivan, who told me that ...".
_RELATIVE_WHO = re.compile(
    rf"(?<![\w'’\-])(?!(?:[Tt]hose|[Tt]hese|[Aa]nyone|[Ee]veryone|[Ss]omeone|[Pp]eople|[Mm]any|[Ss]ome|[Aa]ll|[Oo]thers|"
    rf"[Tt]hey|[Ww]e|[Yy]ou|I)\b){_SUBJECT}(?:,\s+|\s+)who{_ADVERBS}\s+$"
)  # not "Those who say that ..."
_AFTER_QUOTE = re.compile(
    rf"^\s*(?:,\s*)?(?:{_SUBJECT}{_ADVERBS}\s+(?P<cue>{CUE_VERBS})\b"
    rf"|(?P<cue2>said|says|added|adds|wrote|writes|continued|stated|noted|explained|replied)\s+(?P<subj2>{_GENERIC}|(?:{_TITLE_WORDS}\s+)*+{_NAME})"
    rf"|(?P<acc>according\s+to)\s+(?P<subj3>{_OBJ_PRONOUN}|{_GENERIC}|(?:{_TITLE_WORDS}\s+)*+{_NAME}))"
)
_ACCORDING_START = re.compile(
    rf"(?:^|,\s+)(?P<cue>[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of)\s+"
    rf"(?P<subj>{_OBJ_PRONOUN}|{_TEXT_FROM}|{_GENERIC}|(?:{_TITLE_WORDS}\s+)*+{_NAME}|{_TITLED_TEXT}|{_BARE_GROUP}|"
    r"(?:a|an|the|one|another)\s+(?:(?:new|recent|latest|official|preliminary)\s+)?(?:study|report|analysis|survey|poll|estimate|"
    r"research|review|census))\s*,\s+"
    r"(?:(?:based\s+on|citing|drawing\s+on|quoting)\s[^,;]{1,120},\s+)?"
)
#: "in Odierno's words", "in the words of X" before a direct quotation.
_IN_WORDS = re.compile(
    rf"\b[Ii]n\s+(?:the\s+words\s+of\s+(?P<subj>(?:{_TITLE_WORDS}\s+)*+{_NAME})|(?P<subj2>{_NAME}|his|her)(?:['’]s?)?\s+"
    r"(?:own\s+)?words)\b"
)
_ACCORDING_END = re.compile(
    rf"(?:,[”\"’]?|[”\"’],?)\s+(?P<cue>according\s+to)\s+(?P<subj>{_OBJ_PRONOUN}|{_TEXT_FROM}|{_GENERIC}|(?:{_TITLE_WORDS}\s+)*+{_NAME})"
    r"\s*(?:[.!?]|,|$)"
)
_CUE_AFTER = re.compile(
    rf",[”\"’]?\s+(?:{_SUBJECT}{_ADVERBS}\s+(?P<cue>{CUE_VERBS})|(?P<cue2>said|says|added|adds|wrote|writes|noted|"
    rf"stated|explained|continued|stressed|argued|insisted|warned|recalled)\s+"
    rf"(?P<subj2>{_GENERIC}|(?:{_TITLE_WORDS}\s+)*+{_NAME}))"
    r"(?:\s+(?:(?:on|in|at|during|after|late|early)\b[^.;:,]{0,80}|(?:last|this|next)\s+(?:week|month|year|morning|"
    r"afternoon|evening|night|weekend|spring|summer|fall|autumn|winter)|yesterday|today|earlier|later|recently|"
    r"repeatedly|previously))?\s*(?:[.!?]|,|$)"
)
_NOT_CONTENT = re.compile(
    r"^(?:of|about|to|in|at|on|with|for|as|so|nothing|something|anything|goodbye|hello|yes|no|thank|thanks|"
    r"by|from|during|after|before|into|over|more|less|again|this:|that:|the\s+following|following|earlier|"
    r"later|then|and|or|but|if|when|while|because|goodbye|sorry|publicly|privately|"
    r"(?:this|that|so|it)\s+(?:in|on|at|during|after|before|to|when|while|with|yesterday|today|earlier)\b)\b",
    re.IGNORECASE,
)  # "The Head of State said this in his statement": "this" is the object
_TIME_ADVERBIAL = re.compile(
    # "said it from the beginning that ..."
    r"^\s*(?:,\s*)?(?:(?:it|this)\s+(?=(?:from|before|many|so|again|for|since|all|repeatedly|over|time)\b))?"
    r"(?:(?:on|in|at|during|after|late|early|last|this|yesterday|today|earlier|in\s+an?|at\s+an?|"
    r"speaking|from|since|repeatedly|publicly|privately|again|many|several|numerous|more\s+than|time\s+and|"
    r"over\s+and|so\s+many|before|long|once|twice|years|months|weeks|previously|recently|already|consistently|"
    r"clearly|openly|firmly|explicitly|frankly|candidly|bluntly|directly|specifically|separately|also|then|later|"
    r"afterwards|back|here|there|via|through|with|to\s+(?:reporters|journalists|the\s+press|the\s+media|you|me|us|him|"
    r"her|them|Congress|the\s+Congress|the\s+Hill|lawmakers|our\s+allies|the\s+American\s+people))\b"
    r"[^.;:“\"]{0,80}?\s+)?that\s*,?\s+"
)
_NP_OBJECT = re.compile(
    r"^(?:(?:the|a|an)\s+(?:\w+\s+){0,2}?(?:importance|need|significance|role|necessity|relevance|priority|"
    r"commitment|determination|support|readiness|willingness|intention|intent|position|view|value|"
    r"progress|results?|outcome|situation|issue|matter|question|prospects?|state|development|status|fact)\b|"
    r"(?:his|her|their|its|our|my|your)\s+\w+\b(?!\s+(?:will|would|can|could|are|were|is|was|have|has|had)\b)|"
    r"support|readiness|concern|gratitude|appreciation|condolences|"
    r"responsibility|credit|victory|success|ownership|authorship|"
    r"hope|regret|interest)",
    re.IGNORECASE,
)
_FINITE = re.compile(
    r"\b(?:is|are|was|were|will|would|can|could|should|must|may|might|has|have|had|do|does|did|remains?|"
    r"depends?|needs?|wants?|plans?|intends?|hopes?|seeks?|continues?|\w+ed)\b"
)
_IT_WAS = re.compile(
    r"\b(?:[Ii]t|(?:[Hh]ope|[Cc]onfidence|[Cc]oncern|[Tt]he\s+view|[Tt]he\s+opinion)(?=\s+(?:was|has\s+been)\s+"
    r"(?:also\s+)?expressed))\s+(?:was|is|has\s+been|had\s+been|will\s+be)\s+(?:also\s+|further\s+)?(?P<cue>noted|"
    r"expressed|stressed|"
    r"emphasi[sz]ed|stated|said|pointed\s+out|agreed|underlined|underscored|reaffirmed|confirmed|reported|"
    r"announced|explained|reiterated|highlighted|recalled)(?:\s+(?:once\s+again|again|also|repeatedly|in\s+particular|"
    r"specifically|separately|further),?)*\s+that\s+"
)
#: "I’m told that ...", "we were told he was going to die": words reported to the speaker by nobody named.
_WAS_TOLD = re.compile(
    r"(?<![\w’'])(?<!\bwhat\s)(?<!\bwho\s)(?<!\bwhom\s)(?<!\bwhich\s)(?:I|[Ww]e|[Yy]ou)(?:['’]m|['’]re|\s+am|\s+was|"
    r"\s+were|\s+are|\s+have\s+been|['’]ve\s+been|\s+had\s+been|['’]d\s+been)(?:\s+being)?\s+"
    r"(?:(?:also|just|now|often|always|repeatedly|constantly|persistently|being)\s+)*(?P<cue>told)\s*,?\s+(?:that\s+)?"
    r"(?!to\b|by\b|about\b|so\b|of\b)(?=[A-Za-z])"
)
#: Where a reported clause ends before the sentence does: a semicolon, a closing markdown emphasis ("...
#: end.*"), the author's own comment on it (", a claim Kyiv denies", ", which the ministry rejected").
_CLAUSE_END = re.compile(
    r";|(?<=\w)[.!?](?=[*_]+(?:\s|$))|[.!?](?=[“\"][A-Z])|,\s+according\s+to\s|,\s+(?:(?:a|an)\s+(?:\w+\s+)?(?:claim|charge|accusation|allegation|assertion|"
    r"contention|statement|remark|comment|view|position|narrative)s?\b|which\s+(?:\w+\s+){1,4}?"
    r"(?:denie[sd]|den(?:y|ies)|rejects?|rejected|disputes?|disputed|dismiss(?:es|ed)?|refutes?|refuted)\b)"
)
#: A capitalised two- or three-word name opening a sentence as its subject ("John Smith, a farmer, said").
_SUBJECT_NAME = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"]\s)|(?<=\n)|(?<=,\s)|(?<=:\s))[\s\xa0*]*(?:(?:And|But|So|Then|Now|Well),?\s+)?"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?|Mc[A-Z][a-z]+)){1,2})"
    r"(?=,|\.\s|\s+(?:also\s+)?(?:[a-z]+ed|said|says|told|tells|spoke|met|is|was|has|had|will|wrote)\b)"
)
#: Common first names whose bearer's gender is near certain: a "he" or "she" skips a person of the other one the
#: speakers lexicon does not know ("Carole King ... he said, “...”" is not hers).
_FIRST_NAME_GENDER = {
    **dict.fromkeys((
        "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Margaret "
        "Sandra Ashley Kimberly Emily Donna Michelle Carol Carole Amanda Melissa Deborah Stephanie Rebecca "
        "Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha "
        "Katherine Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie Olivia Joyce "
        "Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah Jacqueline Martha Gloria Teresa "
        "Ann Sara Frances Kathryn Janice Jean Abigail Alice Judy Sophia Grace Denise Amber Doris Marilyn "
        "Danielle Beverly Isabella Theresa Diana Natalie Brittany Charlotte Marie Kayla Alexis Lori Jill Kamala "
        "Hillary Madeleine Eleanor Rosa Coretta Ketanji Sonia Elena Amelia Harriet Dolores Jacinda Ursula Liz "
        "Kristalina Deb Gina Jen Karine Marcia Xochitl Stacey Gretchen Kathy Kate Katie Molly Peggy Monique "
        "Mamie Beatriz Olena Yulia Tatiana Tatyana Valentina Svetlana Irina Olga Natalia Natalya Elvira "
        "Anastasia Yekaterina Ekaterina Marina Galina Lyudmila Lyubov Veronika Alla Nadezhda Vera f"
    ).split(), "f"),
    **dict.fromkeys((
        "James Robert John Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew "
        "Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason "
        "Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel "
        "Gregory Frank Alexander Raymond Patrick Jack Dennis Jerry Tyler Aaron Jose Adam Henry Nathan Douglas "
        "Zachary Peter Kyle Walter Ethan Jeremy Harold Keith Roger Noah Gerald Carl Terry Sean Arthur Lawrence "
        "Jesse Dylan Bryan Joe Billy Bruce Albert Willie Gabriel Alan Juan Wayne Roy Ralph Randy Eugene Vincent "
        "Russell Elijah Louis Bobby Philip Johnny Barack Bill Hunter Beau Jimmy Harry Mitch Chuck Bernie Ted "
        "Lloyd Antony Jake Ron Jim Tom Bob Mike Dick Ken Pat Matt Norm Norman Satchel Emmett Martin Abraham "
        "Franklin Lyndon Dwight Winston Vladimir Sergei Sergey Dmitry Dmitri Alexei Alexey Mikhail Nikolai "
        "Nikolay Yury Yuri Igor Andrei Andrey Viktor Anatoly Oleg Pavel Maxim Denis Vyacheslav Valentin "
        "Volodymyr Olaf Emmanuel Boris Xi Fumio Recep Narendra Pedro m"
    ).split(), "m"),
}
#: Titles that give an unknown person's gender.
_GENDERED_TITLE = re.compile(
    r"\b(?:(?P<m>Congressman|Mr\.?|Sir|King|Prince|Lord|Father|Brother|Uncle|Chairman|Spokesman|Businessman)|"
    r"(?P<f>Congresswoman|Mrs\.?|Ms\.?|Miss|Madam|Madame|Lady|Queen|Princess|Sister|Aunt|Chairwoman|Spokeswoman|"
    r"Businesswoman|First\s+Lady))\b"
)
#: "His name was Satchel Paige.": a person of the speaker's story, named.
_NAME_WAS = re.compile(
    r"\b(?:[Hh]is|[Hh]er)\s+name\s+(?:was|is)\s+"
    r"(?P<name>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){0,2})\b"
)
#: After a first name: "Thank you, Jim." / "Joe, keep the faith" (with a comma or a sentence start before it).
_VOCATIVE = re.compile(r"\s*[,.!?]")
#: "the First President of Kazakhstan [Nursultan Nazarbayev]": the editor names the one meant.
_BRACKET_NAME = re.compile(r"\[(?P<name>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\]")
_TITLE_WORD_SET = {"Senator", "President", "Secretary", "Governor", "Mayor", "Ambassador", "General", "Admiral",
                   "Director", "Chairman", "Chairwoman", "Judge", "Justice", "Representative", "Congressman",
                   "Congresswoman", "Leader", "Speaker", "Minister", "Doctor", "Dr", "Father", "Sister", "Vice"}
#: A capitalised word alone, not next to another one ("kidding Pat earlier", "Monique and I"): a first name when
#: _FIRST_NAME_GENDER lists it.
_FIRST_NAME = re.compile(
    r"(?<![\w’'.\-])(?<![A-Z][a-z]\s)(?<![A-Z][a-z]{2}\s)(?P<name>[A-Z][a-z]{2,})\b(?!\s+[A-Z])(?!['’]s\b)"
)
#: "the (little) girl", "the poor woman": a person of a story, named by the noun (an antecedent of he / she).
_THE_KIN = re.compile(
    r"\b[Tt]he\s+(?P<who>(?:(?:little|young|old|poor|elderly|other)\s+)?(?:girl|boy|woman|man|lady|gentleman|"
    r"doctor|nurse|mother|father|mom|dad|kid|child|guy|officer|soldier|teacher|pastor|priest|nun))\b(?!['’])"
)
_FULL_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}\b")
#: Words that make a capitalised pair a place, body, title or date rather than a person's name.
_NOT_NAME_WORDS = {
    "The", "This", "That", "These", "Those", "In", "On", "At", "For", "From", "With", "During", "After", "Before",
    "Today", "Yesterday", "Last", "Next", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
    "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", "United", "States", "Kingdom", "Nations", "Union", "Federation", "Republic", "House",
    "White", "Ministry", "Department", "Council", "Committee", "Office", "Agency", "Administration", "Government",
    "Congress", "Senate", "Court", "Security", "National", "General", "Assembly", "Secretary", "President",
    "Minister", "Prime", "Foreign", "Vice", "Press", "Deputy", "Chief", "Director", "Governor", "Mayor", "Senator",
    "New", "Los", "Las", "San", "Santa", "Fort", "Saint", "St", "Mount", "Lake", "Port", "North", "South", "East",
    "West", "Northern", "Southern", "Eastern", "Western", "Central", "Great",
    "Russian", "American", "Ukrainian", "European", "British", "French", "German", "Chinese", "Federal", "State",
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Madam", "Act", "Law", "Bill", "Plan", "Program", "Programme", "Fund", "Bank",
    "Day", "Week", "Year", "Month", "Health", "Human", "Rights", "Public", "Affairs", "Defense", "Defence",
    "Armed", "Forces", "Army", "Navy", "Air", "Force", "Justice", "Treasury", "Energy", "Commerce", "Education",
    "Labor", "Labour", "Interior", "Homeland", "Street", "Avenue", "City", "County", "Island", "Islands", "Sea",
    "Ocean", "River", "Lake", "Mount", "Saint", "St", "Our", "My", "His", "Her", "Their", "Its", "We", "It",
    "And", "But", "As", "If", "When", "While", "Both", "All", "Every", "Each", "Many", "Some", "Such",
    "What", "So", "Or", "Then", "One", "Now", "Well", "Look", "Yes", "No", "Oh", "Also", "Again", "Because", "Why",
    "How", "Where", "Who", "Here", "There", "Just", "Even", "Only", "Like", "Let", "Please", "Thank", "Thanks",
    "Good", "Okay", "Former", "Then", "Since", "Until", "Once", "After", "Under",
}  # fmt: skip
#: Words of a vocative that are no name ("Yesterday, you said"); titles before a name are fine ("Dr. Walensky").
_NOT_VOCATIVE = _NOT_NAME_WORDS - {"Mr", "Mrs", "Ms", "Dr"}
#: A name right after a verb or preposition is an object ("informed Recep Tayyip Erdogan", "with Olaf Scholz").
_OBJECT_BEFORE = re.compile(
    r"\b(?!(?:and|or|said|says|added|adds|told|stated|noted|wrote|according|by|of|the|whom|named|called)\b)[a-z]+[\s\xa0]+$"
)
#: How far back (characters) a subject is preferred to a more recent object as the antecedent of he/she.
_SUBJECT_REACH = 400
#: How far back (characters) before a turn label the names of the turn before stay antecedents of he/she.
_TURN_CARRY = 600
_TITLE_CASE_TEXT = re.compile(r"\b(?:Annual|Final|Special|National|Global|World|Economic)\b")
_MD_LINK = re.compile(r"\[([^\[\]\n]{0,300}(?:\n[^\[\]\n]{0,300}){0,3})\]\([^)\s]{1,500}\)")
#: A quotation mark opening its paragraph, or right after a line label ("*Statement from President Biden:*\xa0“").
_OPENS_PARAGRAPH = re.compile(r"(?:^|\n[ \t\xa0]*\n|:[*_]*)[ \t\xa0*_]*$")
#: ... or before a quotation opening right after a full stop ('... space."This obviously ...', a Kremlin typo).
_MARKUP_BREAK = re.compile(r"[.!?][”\"’]?\s+(?=[*_]+[A-Z“\"])|[a-z][.!?](?=[“\"][A-Z])")
#: "Another point the President emphasised was that ...", "What he stressed was that ..."
_CLEFT = re.compile(
    rf"(?:\b(?:[Aa]nother|[Oo]ne|[Tt]he(?:\s+(?:main|key|other|first|second|third|last|final|central))?)\s+"
    rf"(?:point|thing|issue|message|idea)\s+(?:that\s+)?|\b[Ww]hat\s+){_SUBJECT}{_ADVERBS}\s+(?P<cue>{CUE_VERBS})"
    r"\s+(?:was|is)\s+that\s+"
)
_ENDS_SENTENCE = re.compile(r"[.!?][”\"’]?[\s\xa0]+$")
_LIKE_SAID = re.compile(
    rf"(?:^|\b)(?:Like|As|like|as)\s+(?:{_SUBJECT}|(?P<joint>(?:the\s+)?(?:two|three|four|both|all)\s+of\s+us|"
    r"you\s+and\s+I|(?:he|she)\s+and\s+I))"  # "as the three of us have discussed," "as you and I have said,"
    rf"(?:['’]ve)?{_ADVERBS}\s+(?P<cue>{CUE_VERBS}|have\s+said|"
    r"(?:talked|been\s+talking|spoken)\s+about|laid\s+out|read\s+out|heard|referenced)\b"  # "as we’ve talked about"
    r"[^,:]{0,60}[,:]\s+"
)
#: What may follow "as we’ve talked about" / "laid out" before the comma: adverbials, never an object.
_TALKED_TAIL = re.compile(
    r"(?:\s+(?:a\s+bit|a\s+lot|in\s+here|here|before|earlier|previously|already|many\s+times|at\s+length|often|"
    r"yesterday|last\s+week|this\s+week|publicly|extensively|in\s+the\s+past|over\s+the\s+last\s+several\s+days|"
    r"in\s+this\s+room|from\s+this\s+podium|through\s+the\s+(?:summit|meeting|conference|week|day)|"
    r"from\s+(?:him|her|them|the\s+President)))*\s*[,:]\s+"
)
#: Cues of a mid-sentence "..., as I said, CONTENT": past reports only ("as I believe" is the speaker's own view).
_AS_SAID_MID = {"said", "have said", "has said", "had said", "told", "mentioned", "noted", "stated", "pointed out",
                "put it", "wrote", "reported", "stressed", "emphasised", "emphasized", "warned", "explained",
                "talked about", "been talking about", "spoken about", "laid out", "read out", "discussed", "outlined",
                "heard", "referenced"}
_PARTICIPLE = re.compile(
    r"(?:,\s+|\s+by\s+|\s+while\s+|\s+when\s+|\s+(?=noting))(?P<cue>noting|stating|adding|saying|stressing|"
    r"emphasi[sz]ing|arguing|warning|explaining|underlining|underscoring|pointing\s+out|recalling|reiterating|"
    r"highlighting|insisting|observing|expressing\s+(?:confidence|hope))(?:,?\s+in\s+particular,?)?\s+that\s+"
)
#: "..., assuring the international community that ...": a participle cue with an object before "that".
_PARTICIPLE_OBJECT = re.compile(
    r"(?:,\s+|\s+by\s+)(?P<cue>assuring|telling|informing|reminding|warning)\s+(?!that\b)[^,.;:“”\"]{1,60}?\s+that\s+"
)
#: ", saying he will continue ...": a participle cue whose clause has no "that".
_SAYING = re.compile(
    r",\s+(?P<cue>saying|adding)\s+(?=(?:he|she|they|it|the|this|there)\s+(?:\w+\s+){0,2}?(?:is|are|was|were|will|"
    r"would|can|could|must|should|has|have|had)\b)"
)
_EXTRAPOSED = re.compile(r"\s*It\s+(?:is|was|will\s+be|would\s+be)\b")
#: A sentence opening with an office as its subject ("The Governor started his report ..."): "he" after it is
#: the office holder named earlier, not the last person named.
_OFFICE_SUBJECT = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))[Tt]he\s+(?P<office>Governor|Minister|Prime\s+Minister|Deputy\s+Prime\s+"
    r"Minister|Mayor|Chairman|Chairwoman|Secretary|Ambassador|Director|Head\s+of\s+the\s+Region|CEO)\s+"
    r"(?:also\s+)?[a-z]+(?:ed|s)\b"
)
_OFFICE_REF = "\x00office"  # marks an _OFFICE_SUBJECT mention, resolved when the memory reaches it
_TITLED_NAME = re.compile(
    r"(?:[A-Z][\w\-]+\s+){0,4}?(?:Governor|Minister|President|Chairman|Chairwoman|Head|Mayor|Director|Secretary|"
    r"Ambassador|Spokesman|Spokeswoman|Spokesperson|Envoy|Advisor|Adviser|Commissioner|CEO|Chief|Chancellor|Speaker|"
    r"Senator|Representative|Prosecutor|Premier)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?(?:[A-Z][\w\-]+(?:['’]s)?\s+(?:and\s+)?){1,5})?\s*"
    r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
)
#: "[content], as X (has just) said" closing a sentence or before a dash: the content is X's.
_AS_SAID_AFTER = re.compile(
    rf",\s+as\s+{_SUBJECT}\s+(?:(?:has|have|had|already|just|previously|rightly|also|once)\s+)*"
    r"(?P<cue>said|noted|reported|stated|mentioned|pointed\s+out|stressed|emphasi[sz]ed|put\s+it)"
    r"(?:\s+(?:openly|publicly|clearly|repeatedly|explicitly|many\s+times|more\s+than\s+once))?"
    r"(?:\s+(?:to\s+(?:me|us|you)|earlier|before|today|yesterday|here|(?:in|at|on|during)\s+[^,.;]{1,60}))?"
    r"\s*(?=[.!?;–—]|$)"  # "..., as I pointed out openly in my statement on February 24."
)
#: A title and a surname alone: "Prime Minister Kishida", "Governor Abbott" (the later "the Prime Minister").
#: Someone introduced by name in a story: "a guy named Tommy Schranck" (the later "he said").
_NAMED = re.compile(
    rf"\b(?:a|an|this|one)\s+(?:[\w\-]+\s+){{0,2}}?(?i:{_KIN_NOUNS}|{_PERSON_NOUNS})\s+(?:named|called|by\s+the\s+name\s+of)\s+"
    r"(?P<name>(?:(?:Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b"
)
#: "I want to quote General Mikhail Dragomirov, a military theorist:", "that phrase of philosopher Kierkegaard:"
_QUOTE_OBJECT = re.compile(
    rf"\b(?:quote|quoting|cite|citing|(?:phrase|line|saying|motto)\s+of)\s+(?:(?:the\s+)?[a-z]+\s+)?"
    rf"(?P<subj>(?:{_TITLE_WORDS}\s+)*+{_NAME})(?:,[^:“”\"\n]{{0,80}})?\s*[:,]\s*$"
)
#: "who were, quote, “stuck”": the speaker marks the words as someone's (the holder is the one spoken of before);
#: not "the, quote, “foreign policy establishment”", a name set off.
_QUOTE_WORD = re.compile(r"(?<!\bthe)(?<!\bthe,)(?<!\ba)(?<!\ba,)(?:^|[\s,(—–-])[Qq]uote(?:\s*[—–-]\s*quote)?,?\s*$")
#: A form of "be" after its subject ("I’m", "he was").
_BE = r"(?:['’]m|['’]re|['’]s|\s+am|\s+was|\s+were|\s+is|\s+are)"
#: "I'm like, “...”": a reaction voiced.
_BE_LIKE = re.compile(
    rf"{_SUBJECT}(?:{_BE}|(?:\s+(?:would|just|all))*\s+look(?:s|ed)?\s+at\s+(?:me|him|her|us|you|them))\s+like,\s*$"
)  # "people would look at me like, “What in the hell is he talking about?”"
#: "As it was said yesterday during the Security Council meeting, CONTENT": agentless, nobody named.
_AS_PASSIVE = re.compile(
    r"(?:^|\b)(?:As|as)\s+(?:(?:it\s+)?(?:was|has\s+been|had\s+been|is|have\s+been)\s+)?(?:already\s+|just\s+|previously\s+)?"
    r"(?P<cue>said|mentioned|noted|reported|stated|announced)\b[^,:]{0,60}[,:]\s+"  # "as noted at its launch,"
)
#: "This group of reporters have heard me say many times: CONTENT": the speaker's earlier words.
_HEARD_ME = re.compile(
    r"\b(?:heard|hearing)\s+(?P<who>me|her|him)\s+(?P<cue>say|said)\b(?:[^.;:“”\"]{0,60}:\s+(?=\w)|"
    r"(?:\s+that)?\s+(?=(?:I|we|he|she)\s+(?:think|believe|am|was|have|had|[a-z]+ed)\b))"
)  # "I heard her say many times: Teaching is ...", "Many are tired of hearing me say I think we’re at ..."
#: "the message I delivered today to Ukraine’s Foreign Minister: We stand with you.", "they had one message for
#: all of us: Do something.": a message given after a colon, to the end of the sentence.
_MESSAGE_COLON = re.compile(
    r"(?:\b(?P<subj>I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey)\s+(?:also\s+|just\s+)?"
    r"(?:delivered|sent|gave|had|conveyed|carried)\s+"
    r"(?:a|one|the|this|that|my|our|his|her|their)\s+(?:(?:simple|clear|single|strong|same)\s+)?message|"
    r"\bmessage\s+(?P<subj2>I|we|he|she|they)\s+(?:also\s+|just\s+)?(?:delivered|sent|gave|conveyed)|"
    r"\b(?P<subj3>[Mm]y|[Oo]ur)\s+message\s+(?:to\s+[^:;.]{1,60}?\s+)?(?:is|was|has\s+been)(?=\s*:))"
    r"\b[^.:;?!“”\"]{0,90}:\s+(?=\w)"
)
#: "they tell me you’re over there", "The vast majority of law enforcement officers tell us that ...": a present
#: "tell" of others (never "I tell you").
_THEY_TELL_ME = re.compile(
    r"(?:^|(?<=[,;—–]\s)|\b(?=[Tt]hey\b))"
    r"(?P<subj>[Tt]hey|(?:[Tt]he|[Mm]any|[Mm]ost)\s+[^,.;:“”\"]{0,60}?(?:s|people))\s+"
    r"(?:always\s+|often\s+|keep\s+|still\s+)?(?P<cue>tell)\s+(?:me|us)(?:\s+that)?\s+(?=[\w$])"
)
#: "he was asked whether he had decided to go": a question put to him, nobody named as asking.
_WAS_ASKED = re.compile(
    r"\b(?:he|she|they|I|we|the\s+President)\s+(?:was|were|had\s+been|has\s+been)\s+(?P<cue>asked)\s+"
    r"(?=(?:whether|if|what|why|how|when)\b)"
)
#: "And his answer was, “No, not yet.”": an answer given, its giver the possessor.
_ANSWER_WAS = re.compile(r"\b(?P<subj>[Hh]is|[Hh]er|[Tt]heir)\s+(?:answer|reply|response)\s+was,?\s*$")
#: "the preliminary reports are that 14 children have been killed": what reports say, nobody named.
_REPORTS_ARE = re.compile(
    r"\b[Tt]he\s+(?:(?:early|first|initial|latest|preliminary|news|press|media)\s+)?(?P<cue>reports)\s+"
    r"(?:are|were)\s+that\s+"
)
#: "It’s been said that “...”": an agentless passive before a quotation wholly in marks (nobody named).
_PASSIVE_TAIL = re.compile(
    r"\b[Ii]t(?:['’]s|\s+is|\s+was|\s+has|\s+had)?(?:\s+been)?\s+(?:often\s+|long\s+|rightly\s+|famously\s+|also\s+)?"
    r"(?P<cue>said|written|observed|noted)\s+that\s*$|"
    r"\b(?:[Tt]he|[Aa]n?)\s+(?:(?:old|famous|well-known|ancient|wise|Irish|Latin|Russian|American|Biblical)\s+){0,2}"
    r"(?P<cue2>saying|expression|proverb|adage|maxim)(?:\s+(?:goes|says|that\s+goes))?\s*[:,]?\s*$"
)
#: "As the saying goes, CONTENT", "there’s an old expression: CONTENT": a saying, nobody's words.
_SAYING_GOES = re.compile(
    r"(?:\b[Aa]s\s+the\s+(?:(?:old|famous|well-known|Irish|Russian)\s+)?(?:saying|expression|proverb|adage)\s+"
    r"(?:goes|says)|\b[Tt]here(?:['’]s|\s+is)\s+an?\s+(?:(?:old|famous|well-known|Irish|Russian)\s+){0,2}"
    r"(?:saying|expression|proverb|adage)(?:\s+that\s+goes)?|\b[Aa]s\s+they\s+say(?:\s+in\s+[\w\s]{1,40}?)?)"
    r"\s*[,:—–-]\s*(?=[A-Za-z])"  # "everyone here, as they say, feels your pain": a saying, nobody's words
)
#: A body releasing a text that "the report" then names: "The Department of Defense (DoD) released a new report".
_ISSUED_TEXT = re.compile(
    r"(?P<holder>(?:[Tt]he\s+)?[A-Z][\w\-]*(?:\s+(?:of\s+|for\s+|and\s+|on\s+)?[A-Z][\w\-]*){0,6})"
    r"(?:\s+\([A-Z][\w.&\-]{1,12}\))?(?:,?\s+who)?\s+(?:has\s+|have\s+|had\s+)?(?:today\s+|also\s+|recently\s+|"
    r"just\s+)?(?:released|issued|published|put\s+out|unveiled|wrote|sent)\s+(?:a|an|its|the|their)\s+(?:new\s+|first\s+|annual\s+|latest\s+)?"
    r"(?:[\w\-]+\s+){0,3}?(?P<noun>report|study|survey|analysis|review|assessment|statement|letter)\b"
)
#: A message that says something: "released a statement saying that ...", "a phone call from X saying ...".
_NOUN_SAYING = re.compile(
    r"\b(?P<subj>(?:a|an|the|his|her|their|its)\s+(?:new\s+|short\s+|joint\s+)?(?:statement|letter|message|note|"
    r"tweet|post|email|e-mail|release|call|phone\s+call|text))(?:\s+from\s+(?P<from>(?:(?:my|our|the|his|her)\s+)?"
    r"[\w\-]+(?:\s+[\w\-]+){0,3}?))?\s+(?P<cue>saying|stating|warning|announcing|noting)\s+(?:that\s+)?(?=\w)"
)
#: "both X and " right before the subject of a cue: several people jointly.
_BOTH_AND = re.compile(r"\bboth\s+[^,.;:]{1,60}\s+and\s+$")
#: Someone else's view given as a clause: "His view is there is no alternative but ...".
_VIEW_IS = re.compile(
    r"\b(?P<subj>[Hh]is|[Hh]er|[Tt]heir)\s+(?P<cue>view|position|argument)\s+(?:is|was)\s+(?:that\s+)?"
)
#: "..., to quote Mr Gref, CONTENT": the words after the aside are the one quoted.
_TO_QUOTE = re.compile(
    rf"(?:^|,\s+|\s[—–]\s+)[Tt]o\s+quote\s+(?P<subj>(?:{_TITLE_WORDS}\s+)*+{_NAME}|{_GENERIC})\s*[,:]\s+"
)
#: "I had an uncle who used to say, “...”": the noun of the relative clause is the speaker.
_WHO_BEFORE = re.compile(rf"(?<![\w’'])(?P<subj>{_GENERIC}),?\s+who{_ADVERBS}\s+$")
#: "I'm thinking to myself, “...”": a thought in quotation marks is a quotation of the thinker.
_THOUGHT_TAIL = re.compile(
    rf"{_SUBJECT}{_BE}?{_ADVERBS}\s+(?P<cue>thinking|thought)"
    r"(?:\s+to\s+(?:myself|himself|herself|themselves))?\s*[,:]\s*$"
)
#: A first name or surname alone as the subject of a verb ("when Madeleine eulogized him").
_ONE_NAME_SUBJECT = re.compile(
    r"(?<![\w’'\-])(?P<name>[A-Z][a-z]{2,})\s+(?:also\s+)?(?:[a-z]{3,}ed|said|says|told|wrote|spoke)\b"
)
_TITLED_SURNAME = re.compile(
    r"\b(?:(?:Prime|Foreign|Deputy|Vice|Defen[cs]e|Finance)\s+)?(?:Minister|President|Chancellor|Secretary|Governor|"
    r"Senator|Mayor|Ambassador|Premier|Speaker|Leader|Commissioner|Chairman|Chairwoman|Congressman|Congresswoman|"
    r"Director|General|Admiral|Judge|Justice)\s+(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b"
    r"(?!\s+[A-Z]|['’]s\s+(?:[A-Z]|office|administration|government))"
)
_NOT_CLAUSE = re.compile(
    r"(?:amid|despite|following|which|who|whose|adding|noting|saying|citing|referring|speaking|according|"
    r"as\s+well|including|such)\b",
    re.IGNORECASE,
)
_MESSAGE_NOUN = re.compile(r"\b(?:message|letter|telegram|greetings?|address|statement|readout|remarks)\b")
_OFFICE_MENTION = re.compile(
    r"\b[Tt]he\s+(?P<office>(?:[A-Z]{2,6}|UN|U\.N\.)\s+(?:Director[\s\-]General|Secretary[\s\-]General|"
    r"High\s+Commissioner|Special\s+(?:Envoy|Rapporteur)|Chief|Director|President|Chair(?:man|woman)?))\b"
    r"(?!\s+[A-Z][a-z])"
)
#: "I had a conversation with X. He said ...": the speaker's interlocutor is the antecedent, not an object.
_PARTNER_BEFORE = re.compile(
    r"(?:^|[.!?]\s+)(?:I|We)(?:\s+(?:also|recently|just|have|had|was|were))*\s+(?:had|have|held|spoke|met|talked|"
    r"discussed|agreed)\b[^.!?,;]{0,80}\b(?:with|to)\s+$"
)
_COUNTRY_OFFICE = re.compile(
    r"\b(?!(?:It|That|This|There|He|She|What|Who|Let)['’]s)[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?['’]s\s+(?:President|Prime\s+Minister|"
    r"Foreign\s+Minister|Chancellor|King|Emir|Crown\s+Prince|Defen[cs]e\s+Minister)\b(?!\s+[A-Z])"
)
_NEAR_SUBJECT = re.compile(rf"\b(?P<subj>[Hh]e|[Ss]he|{_NAME})\s+(?:also\s+)?(?:[a-z]+ed|said|told|wrote|spoke)\b")
#: The last subject of a clause, first person included ("my Ambassador reminded me of this — I said —").
_CLAUSE_SUBJECT = re.compile(
    rf"(?:\b(?P<subj>I|[Ww]e|[Hh]e|[Ss]he|{_NAME})|(?<![\w’'\-])(?P<subj2>{_GENERIC}))"
    r"(?:,?\s+who(?=\s+(?:also\s+|then\s+)?(?:said|told|wrote|asked)\b))?"  # "it was Justice Scalia who wrote"
    r"\s+(?:also\s+|then\s+|just\s+|basically\s+)?"
    r"(?P<verb>[a-z]+ed|said|told|wrote|spoke|went|got|came|looked|turned|stood|sat|was|were)\b"
)
_JOINT_SUBJECT = re.compile(rf"\s*(?:[A-Z][^,]{{0,60}},\s+)?{_SUBJECT}\s+and\s+")
_LEAD_SUBJECT = re.compile(
    rf"\s*(?:[A-Z][^,]{{0,60}},\s+)?(?:(?:And|But|So|Then|Now)\s+(?=[a-z]))?\**{_SUBJECT}\**(?:,\s+[A-Z][^,;]{{1,100}},)?{_PAREN}{_ADVERBS}\s+[a-z]"
)
_VERB_SUBJECT = re.compile(rf"{_SUBJECT}{_ADVERBS}\s+[a-z]+(?:ed|s)\s*$")  # "the Russian President responded"
_AND_BEFORE = re.compile(r"\s(?:and|but)\s+(?:also\s+|then\s+|later\s+|further\s+|subsequently\s+)?$")
_COORDINATED = re.compile(
    rf"(?:,\s*)?\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+|further\s+|subsequently\s+)?"
    rf"(?P<verb>{_NEXT_PREDICATE})\b"
)
_LEADING_FILLER = re.compile(r"^(?:And|So|But|Now|Well|What|Look|Again|Because|Then|Also|Yes|No|Oh),?\s+")
_FILLERS = {"and", "so", "but", "now", "well", "what", "look", "again", "because", "then", "also", "yes", "no", "oh",
            "my", "our", "let", "as", "this", "that", "there", "here", "it", "do", "does", "did", "is", "are", "was",
            "were", "can", "could", "would", "should", "have", "has", "one", "better", "not", "nobody", "everybody",
            "everyone", "anybody", "anyone"}  # fmt: skip
#: A clause opening with a subject pronoun and a past verb ("I grew up in ...", "I ran for one reason").
_PAST_CLAUSE = re.compile(
    r"(?:I|we|they|he|she)\s+(?:[a-z]+ed|grew|went|came|got|knew|thought|saw|made|took|gave|felt|found|lost|won|"
    r"became|began|met|left|kept|ran|said|told|was|were|had)\b"
)
_CONTRACTION = re.compile(r"(I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Yy]ou|[Ii]t)['’](?:ve|ll|d|m|re|s)")
_FUNCTION_WORDS = {"the", "a", "an", "who", "which", "what", "our", "your", "their", "its", "his", "let's", "let’s",
                   "today", "yesterday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
_OF_PLACE = re.compile(rf"(?P<who>(?:{_TITLE_WORDS}\s+)*+{_NAME})\s+of\s+[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){{0,3}},\s+$")
#: "Name:" or "**Organisation**:" at the start of a line, right before a quotation ("What they are saying").
_COLON_LABEL = re.compile(
    r"(?:^|\n[ \t\xa0]*\n)[ \t\xa0]*(?P<subj>\**[A-Z](?:[^\n:“”\"]|\n(?![ \t\xa0]*\n)){1,160}?)[ \t\xa0]*:[ \t\xa0*_]*$"
)
#: A person's full name, a title after a comma, then a colon before a quotation, opening a sentence in running text
#: ("And Maya MacGuineas, President of the Committee for a Responsible Budget: “...”").
_NAME_TITLE_COLON = re.compile(
    r"(?:^|[.!?][”\"]?\s+|\n[ \t\xa0]*\n[ \t\xa0]*)(?:(?:And|Also|Or|Then),?\s+)?"
    r"(?P<subj>[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+(?:Mc|Mac)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}),\s+"
    r"(?=[A-Z])(?:[^:“”\"\n.;]|\n(?![ \t\xa0]*\n)){3,140}:\s*$"
)
#: A bold name, with a title after a dash or comma, alone before a quotation that opens its paragraph (no colon).
_BOLD_LABEL = re.compile(
    r"(?:^|\n[ \t\xa0]*\n)[ \t\xa0]*\*\*(?P<subj>[A-Z][^*\n:“”\"]{1,120}?)[ \t\xa0]*\*\*[ \t\xa0]*\n?[ \t\xa0]*$"
)
_NOT_LABEL = re.compile(r"\**(?:Q|Note|Quote|Subject|Re|Source|Example|Update|Read|Watch|Excerpt|Full\s+text)\**$")
_LABEL_CONNECTORS = {"of", "for", "and", "the", "on", "in", "at", "to", "de", "la", "del", "von", "van", "&", "from"}
_JOINED = re.compile(r"\s*(?:,\s*)?(?:and|or|but)?\s*")
_AUX_BEFORE = re.compile(
    r"\b(?:[Dd]oes|[Dd]id|[Dd]o|[Ww]ill|[Ww]ould|[Cc]an|[Cc]ould|[Ss]hould|[Ww]hy|[Hh]ow|[Ww]hen|[Ii]f|[Uu]nless|"
    r"[Ww]hether)\s+$"
)
_BARE_CLAUSE_VERBS = {"noted", "stressed", "emphasised", "emphasized", "explained", "confirmed", "warned",
                      "argued", "announced", "acknowledged", "reiterated", "recalled", "pointed", "agreed", "reported",
                      "underlined", "underscored", "suggested", "indicated", "admitted", "conceded", "predicted"}
_BARE_ING = {"announcing", "noting", "warning", "arguing", "claiming", "insisting", "stressing", "emphasizing",
             "emphasising", "reiterating", "underscoring", "saying", "telling"}
_SUBJECT_START = re.compile(
    r"(?:the|this|that|these|those|it|he|she|they|we|there|[A-Z][\w\-]*|its|his|her|their|our)\b"
)
_EARLY_AUX = re.compile(
    r"(?:(?!(?:that|which|who|whom|whose)\b)[\w’'\-]+\s+){0,7}?(?:is|are|was|were|will|would|can|could|must|should|may|might|has|have|had|depends|"
    r"remains|stands|continues|needs|did|does|do)\b"
)
_LEAD_ADVERB = re.compile(
    r"(?:Overall|However|Moreover|Furthermore|Nevertheless|Still|Now|Today|Yesterday|Unfortunately|Fortunately|"
    r"Importantly|Clearly|Instead|Meanwhile|Therefore|Thus|Yet|Indeed|Currently|Also|Otherwise|Again|Besides|"
    r"[A-Z][a-z]+ly)"
)
#: Reports a reporter's question may carry as a premise ("given that Dr. Fauci says ...?"), unless an auxiliary
#: before the subject makes the report itself the question ("Has the President said that ...?").
_QUESTION_REPORTS = {"said", "says", "has said", "have said", "told", "tells", "announced", "warned", "claimed",
                     "claims", "stated", "suggested", "insisted", "insists", "argued", "argues", "wrote", "writes"}
_ASKED_AUX = re.compile(r"\b(?:[Hh]as|[Hh]ave|[Hh]ad|[Ii]s|[Aa]re|[Ww]as|[Ww]ere|[Dd]id|[Dd]oes|[Dd]o|[Ww]ill|[Ww]ould|"
                        r"[Cc]an|[Cc]ould|[Ss]hould|[Ww]hy|[Hh]ow|[Ww]hat|[Ww]hen|[Ww]here|[Ii]f|[Ww]hether|think|"
                        r"believe|know|heard|hear|see|seen|saw)\s+$")
_THATS_WHY = re.compile(
    r"\b(?:[Tt]hat|[Tt]his|[Ww]hich)(?:['’]s|\s+is|\s+was)\s+(?:exactly\s+|precisely\s+|part\s+of\s+)?why\s+$"
)
_ED_THAT = re.compile(r"[a-z]ed\s+that\s")  # a cheap test before _ANY_VERB_THAT
_ANY_VERB_THAT = re.compile(rf"{_SUBJECT}{_ADVERBS}\s+(?P<cue>[a-z]{{3,}}ed)\s+that\s+(?=\S)")
#: Verbs with a that-clause that report no speech: knowing, perceiving, showing, deciding, ordering, causing.
_NOT_SPEECH_VERBS = {
    "learned", "learnt", "showed", "demonstrated", "recognized", "recognised", "realized", "realised", "ensured",
    "noticed", "decided", "ordered", "directed", "required", "provided", "established", "stipulated", "mandated",
    "welcomed", "appreciated", "feared", "guaranteed", "understood", "ruled", "proved", "revealed",
    "indicated", "signaled", "signalled", "meant", "implied", "assumed", "presumed", "guessed", "imagined", "dreamed",
    "wished", "wanted", "needed", "liked", "loved", "hated", "preferred", "discovered", "detected", "seemed",
    "appeared", "happened", "resolved", "enacted", "decreed", "authorized", "authorised", "instructed", "specified",
    "allowed", "permitted", "verified", "checked", "confirmed", "considered", "deemed", "judged",
    "acknowledged", "accepted", "denied", "doubted", "worried", "remembered", "forgot", "forgotten", "knew",
    "surprised", "frustrated", "pleased", "flattered", "honored", "honoured", "concerned", "relieved", "disappointed",
    "delighted", "thrilled", "excited", "signed", "passed", "weakened", "delivered", "addressed", "attributed",
    "blocked", "selected", "started", "enjoyed", "opposed", "supported", "called", "used", "answered", "rejected",
    "threatened", "documented", "tweeted", "briefed", "communicated", "disclosed", "assessed", "convinced",
    "determined", "assured",
}  # fmt: skip
#: Cues whose "that" may be a determiner ("shared that story", "raised that issue"): the words after "that" must
#: read as a clause.
_WEAK_THAT = {"pledged", "promised", "vowed", "raised", "committed", "shared", "requested", "expects", "expected",
              "found", "finds"}
#: Past reports that "when" does not make hypothetical ("when he said that ...").
_PAST_REPORTS = {"said", "told", "noted", "stated", "stressed", "emphasised", "emphasized", "pointed out", "mentioned",
                 "declared", "announced", "wrote", "explained", "warned", "added"}
#: Attitudes in the past tense: with "I" or "we" the speaker's own mind then ("we believed that"), not words.
_PAST_ATTITUDE = {"believed", "hoped", "felt", "was convinced", "were convinced"}
#: Findings: a report's or a court's ("The study finds that ..."), never the speaker's own ("I found that ...").
_FINDING = {"found", "finds"}
_CLAUSE_START = re.compile(
    r"(?:[\w’'\-]+\s+){1,6}?(?:is|are|was|were|will|would|can|could|should|must|may|might|has|have|had|did|does|"
    r"do|be|[a-z]{3,}ed|[a-z]{3,}s)\b"  # "be": a subjunctive ("demanded that her son be sent home")
)
#: A relative clause between a subject and its verb: "vaccinations, which the President has prioritized, have ...".
_RELATIVE_ASIDE = re.compile(r"^((?:[\w’'\-]+\s+){0,3}[\w’'\-]+),\s+(?:which|who)\s[^,;.]{1,120},\s+")


def _clause_like(rest: str, bare_subject: bool = False) -> bool:
    """Whether the words after "that" start a clause (a subject, then a verb before any comma), not a noun phrase.

    ``bare_subject``: the subject may be a bare noun ("found that prices have fallen"), not only a determiner,
    pronoun or name.
    """
    # "found that vaccinations, which the President has prioritized, have saved ...": the relative clause aside
    rest = _RELATIVE_ASIDE.sub(r"\1 ", rest, count=1)
    m = _CLAUSE_START.match(rest)
    return m is not None and "," not in rest[: m.end()] and (bare_subject or _SUBJECT_START.match(rest) is not None)
_WH_WORD = re.compile(r"(?:how|what|why|whether|where|who|when|which)\b")
_QUOTE_MARK = re.compile(r"[“”\"]")
_PARAGRAPH = re.compile(r"\n[ \t\xa0]*\n|\r|\u2029")
#: the rest of a glued straight quotation: up to 400 characters without a mark or a paragraph break, then a mark
#: followed by white space, punctuation or the end
_STRAIGHT_CLOSE = re.compile(r'[^"“”\n\r]{1,400}?[^\s"]"(?=[\s.,;:!?)\]—–-]|$)')
_WORD = re.compile(r"[\w'’\-]+")
_FOOTNOTE = re.compile(r"<[^<>\n]{0,200}>|\[\d{1,3}\]|\(\d{1,3}\)|[*_]")


@dataclass
class _Segment:
    """A direct quotation: content offsets (marks excluded)."""

    start: int
    end: int
    close: int  # position after the closing mark (== end when the quote never closed)


@dataclass
class _Record:
    start: int
    end: int
    kind: str
    cue: str
    subject: str | None  # the words naming the speaker, or None (inherit)
    anchor: int  # where the attribution is read, for ordering the speaker memory
    inherit_cue: bool = False


def find_quotes(articles: pd.DataFrame, *, speakers: Speakers | None = None, detector: Any = None) -> pd.DataFrame:
    """Return every quotation and reported statement of every article, with its speaker.

    Parameters
    ----------
    articles : pandas.DataFrame
        Needs ``doc_id`` and ``text``; ``date`` is used for dated titles ("the White House press
        secretary"). Rows with a missing or blank text give no quotations.
    speakers : Speakers, optional
        The speakers lexicon (default :func:`analysis.speakers.load_speakers`).
    detector : optional
        A learned sentence detector (``True`` for the shipped one, see :mod:`analysis.speech_detector`, or
        an object whose ``flag({doc_id: text})`` returns ``{doc_id: [(start, end), ...]}``). A flagged
        sentence that no rule reads becomes a record of its own: its content after the first speech word,
        the words before that word as the speaker (nobody when there are none). Finds more, less precisely.

    Returns
    -------
    pandas.DataFrame
        ``doc_id``, ``start``, ``end``, ``text`` (``article_text[start:end]``), ``kind`` (direct,
        indirect, mixed), ``cue`` (the speech verb as written, lower case, "" if none), ``speaker``
        (canonical name, a name as written, or "" when unknown) and ``speaks_for`` (target id or "").

    Raises
    ------
    ValueError
        If ``articles`` has no ``doc_id`` or ``text`` column.

    Examples
    --------
    >>> import pandas as pd
    >>> text = ("Sergey Lavrov told reporters that Russia expects answers. "
    ...         "“There will be contacts,” the minister stated. He called it a “smear campaign”.")
    >>> quotes = find_quotes(pd.DataFrame({"doc_id": ["a"], "text": [text]}))
    >>> quotes[["start", "end", "kind", "cue", "speaker", "speaks_for"]]
       start  end      kind     cue        speaker speaks_for
    0     34   56  indirect    told  Sergei Lavrov     Russia
    1     59   82    direct  stated  Sergei Lavrov     Russia
    >>> quotes.text.tolist()
    ['Russia expects answers', 'There will be contacts,']
    """
    _check_articles(articles, "find_quotes")
    speakers = speakers or load_speakers()
    flagged: dict = {}
    if detector:
        if detector is True:
            from analysis.speech_detector import load_detector

            detector = load_detector()
        texts = {r["doc_id"]: r["text"] for r in articles[["doc_id", "text"]].to_dict("records")
                 if isinstance(r["text"], str) and r["text"].strip()}
        flagged = detector.flag(texts)
    rows: list[tuple] = []
    for row in articles.to_dict("records"):
        text = row.get("text")
        if not isinstance(text, str) or not text.strip():
            continue
        for start, end, kind, cue, speaker, speaks_for in quotes_in_text(
            text, speakers, date=_field(row, "date"), source=_field(row, "source"), title=_field(row, "title"),
            speaker=_field(row, "speaker"), country=_field(row, "country"), flagged=flagged.get(row["doc_id"]),
        ):  # fmt: skip
            rows.append((row["doc_id"], start, end, text[start:end], kind, cue, speaker, speaks_for))
    frame = pd.DataFrame(rows, columns=QUOTE_COLUMNS)
    frame[["start", "end"]] = frame[["start", "end"]].astype("int64")
    for col in ("text", "kind", "cue", "speaker", "speaks_for"):
        frame[col] = frame[col].astype(object)
    if len(frame):
        frame["doc_id"] = frame["doc_id"].astype(articles["doc_id"].dtype)
    logger.debug("found %d quotations in %d articles", len(frame), len(articles))
    return frame


def quotes_in_text(
    text: str,
    speakers: Speakers,
    *,
    date: Any = None,
    source: Any = None,
    title: Any = None,
    speaker: Any = None,
    country: Any = None,
    flagged: Sequence[tuple[int, int]] | None = None,
) -> list[tuple[int, int, str, str, str, str]]:
    """The quotations of one text as ``(start, end, kind, cue, speaker, speaks_for)`` tuples, in order.

    ``flagged``: sentence spans a learned detector marks as reported speech; those no rule reads get a
    record of their own (:func:`_relaxed`).

    ``speaker`` is the document's own speaker field (UN General Debate: one speaker per speech): "I" and
    "we" outside any labelled turn are that person, who speaks for ``country`` when it is a lexicon target.
    """
    segments = _segments(text)
    paragraphs = [0, *(m.end() for m in _PARAGRAPH.finditer(text))]
    sentences = _split_markup(text, sentence_spans(text))
    resets: list[tuple[int, str, Person | None, str]] = []  # (where a turn's text starts, its speaker, role)
    if "\n" in text or ":" in text:
        from analysis._turns import find_labels, resolve_label

        for label in find_labels(text, speakers):
            resolved = resolve_label(label, source, date, speakers)
            resets.append((label.label_end, resolved.speaker, speakers.person(resolved.speaker), resolved.role))
    seg_starts = [s.start for s in segments]

    def inside_quote(pos: int) -> bool:
        i = bisect_right(seg_starts, pos) - 1
        return i >= 0 and segments[i].start <= pos < segments[i].end

    records: list[_Record] = []
    used: set[int] = set()
    # Indirect and mixed speech, sentence by sentence.
    plain = _mask_links(text) if "](" in text else text  # offsets kept: link syntax becomes white space
    for i, (s_start, s_end) in enumerate(sentences):
        sentence = plain[s_start:s_end]
        pointer = None
        if i + 1 < len(sentences):
            pointer = _THIS_WAS_SAID.match(plain, *sentences[i + 1]) or _SAID_THIS.match(plain, *sentences[i + 1])
        if pointer is not None and not _QUOTE_MARK.search(sentence) and len(_words(sentence)) >= 5:
            # "[Claim.] This was stated by X during ...": the sentence before is X's (President of Ukraine releases)
            stop = len(sentence.rstrip().rstrip(".!?…").rstrip())
            start = _content_start(sentence, 0)
            records.append(_Record(s_start + start, s_start + stop, "indirect", _norm(pointer.group("cue")),
                                   pointer.group("subj"), sentences[i + 1][0]))  # fmt: skip
            continue
        found = (_indirect(plain, sentence, s_start, s_end, inside_quote) or _as_said_after(sentence, s_start, resets)
                 or _other_report(sentence, s_start))
        for record in found:
            if _own_state_view(record, source):
                continue  # "The United States believes ..." in a White House statement: its own voice
            inner = [i for i, seg in enumerate(segments) if record.start <= seg.start and seg.end <= record.end + 2]
            if inner:
                seg = segments[inner[0]]
                rest = _FOOTNOTE.sub(" ", text[seg.close : record.end])  # words after the closing mark
                if len(inner) == 1 and seg.start - record.start <= 2 and len(_words(rest)) < 2:
                    continue  # the reported clause is the quotation itself: a direct quote (below)
                record.kind = "mixed"
                used.update(inner)
            records.append(record)
    # Direct quotations; a segment joined to the quotation before it by "and" or a comma continues it
    # (“admired by our Allies” and “feared by our adversaries.”).
    last: tuple[_Segment, _Record] | None = None
    for i, seg in enumerate(segments):
        if i in used:
            continue
        record = _direct(plain, seg, paragraphs)
        if record is None and last is not None and _JOINED.fullmatch(text, last[0].close, seg.start - 1):
            record = _Record(seg.start, seg.end, "direct", last[1].cue, None, seg.start, inherit_cue=True)
        if record is not None:
            records.append(record)
            last = (seg, record)
    for a, b in flagged or ():
        if not any(r.start < b and a < r.end for r in records):
            extra = _relaxed(plain, a, b)
            if extra is not None:
                records.append(extra)
    records = [r for r in records if not _generic_you(r)]
    if resets:  # "AUDIENCE:  “Fine by me!”": a turn's own words, not a quotation of its label
        near = {label_end + k for label_end, *_ in resets for k in range(6)}
        records = [r for r in records if r.kind != "direct" or r.cue or r.start not in near]
    author = _field_author(speaker, country, speakers)
    for m in speakers.name_regex().finditer(str(title or "")) if author is None else ():
        author = speakers.person(m.group())
        break
    if author is None:  # a release of a presidency is its president's
        author = speakers.source_label(source, "THE PRESIDENT")
    context = {"date": date, "source": source, "author": author, "title": title}
    return _no_overlaps(_resolve(records, text, speakers, context, resets))


#: Cues read inside a sentence the learned detector flags (:mod:`analysis.speech_detector`), broader than the rules'.
_RELAXED_CUE = re.compile(
    r"\b(?P<cue>according\s+to|(?:laid|lay|lays|laying)\s+out|talk(?:s|ed|ing)?\s+about|made\s+(?:the\s+point|clear)|"
    r"point(?:s|ed)?\s+out|put\s+it|call(?:s|ed)?\s+(?:for|on)|"
    r"say|says|said|saying|tell|tells|told|telling|asks?|asked|asking|declare[sd]?|remind(?:s|ed)?|"
    r"suggest(?:s|ed)?|promise[sd]?|request(?:s|ed)?|mention(?:s|ed)?|note[sd]|highlight(?:s|ed)?|convey(?:s|ed)?|"
    r"confirm(?:s|ed)?|agree[sd]?|discuss(?:es|ed)?|indicate[sd]?|state[sd]?|report(?:s|ed)|warn(?:s|ed)?|"
    r"argue[sd]?|claim(?:s|ed)?|insist(?:s|ed)?|explain(?:s|ed)?|writes|wrote|written|add(?:s|ed)|stress(?:es|ed)|"
    r"emphasi[sz]e[sd]?|announce[sd]?|shared|express(?:es|ed)|describe[sd]?|acknowledge[sd]?|admit(?:s|ted)?|"
    r"pledge[sd]?|vow(?:s|ed)?|urge[sd]?|recall(?:s|ed)?|reiterate[sd]?|underscore[sd]?|assure[sd]?|"
    r"repl(?:y|ies|ied)|answer(?:s|ed)|propose[sd]?|demand(?:s|ed)?|message|quote[sd]?)\b"
)

#: "Mr. Freundel Stuart, reminded": a subject set off by a comma
_SUBJECT_COMMA = re.compile(rf"{_SUBJECT},\s+$")
#: "Our analysts", "a host of economists": the group itself
_GROUP_LEAD = re.compile(
    r"^(?:[Aa]n?\s+(?:host|number|group|lot|majority|range)\s+of|[Oo]ur|[Tt]heir|[Mm]any|[Ss]ome|[Mm]ost)\s+(?=[a-z])"
)


def _relaxed(text: str, s_start: int, s_end: int) -> _Record | None:
    """A record for a sentence the detector flags and no rule read: content after the first broad cue (or the
    sentence, when the cue ends it), the subject before the cue as the speaker's words ("" when none)."""
    sentence = text[s_start:s_end]
    stop = len(sentence.rstrip())
    start = len(sentence) - len(sentence.lstrip())
    if len(_words(sentence)) < 3:
        return None
    # the first cue outside an open curly quotation
    cue = next((m for m in _RELAXED_CUE.finditer(sentence)
                if sentence.count("“", 0, m.start()) <= sentence.count("”", 0, m.start())), None)
    subject = ""  # nobody, unless a subject stands before the cue
    if cue is not None:
        before = _SUBJECT_BEFORE.search(sentence, 0, cue.start()) or _SUBJECT_COMMA.search(sentence, 0, cue.start())
        if before is not None:
            subject = _GROUP_LEAD.sub("", before.group("subj"))
        after = _content_start(sentence, cue.end())
        after = len(sentence) - len(sentence[after:].lstrip(" ,:—–-")) if after < stop else after
        if len(_words(sentence[after:stop])) >= 3:
            start = after
        elif before is not None:  # "It was inevitable, he said.": the words before the subject
            stop = len(sentence[: before.start()].rstrip(" ,—–-"))
    if len(_words(sentence[start:stop])) < 2:
        return None
    kind = "mixed" if _QUOTE_MARK.search(sentence, start, stop) else "indirect"
    return _Record(s_start + start, s_start + stop, kind, _norm(cue.group("cue")) if cue else "", subject,
                   s_start + (cue.start() if cue else start))


def _as_said_after(sentence: str, s_start: int, resets: list[tuple]) -> list[_Record]:
    """ "Today's meeting is taking place in a difficult time, as the President of Russia has just said.": X's words."""
    as_said = _AS_SAID_AFTER.search(sentence) if " as " in sentence else None
    if as_said is None or _skip_subject(as_said.group("subj")) or _QUOTE_MARK.search(sentence):
        return []
    start = _content_start(sentence, 0)
    lead = _LEADING_FILLER.match(sentence, start)
    start = lead.end() if lead else start
    for label_end, *_ in resets:  # an inline turn label ("Vladimir Putin: ...") is not content
        if s_start + start <= label_end <= s_start + as_said.start():
            start = _content_start(sentence, label_end - s_start)
    if len(_words(sentence[start : as_said.start()])) < 5:
        return []
    return [_Record(s_start + start, s_start + as_said.start(), "indirect", _norm(as_said.group("cue")),
                    as_said.group("subj"), s_start + as_said.start("cue"))]  # fmt: skip


#: "He was attempting to make the opposite point, which is that X", "what he’s been telling us for some time now,
#: which is that X": the content a cue's object names, after "which is that"
_WHICH_IS_THAT = re.compile(
    rf"{_SUBJECT}(?:['’](?:s|ve))?(?:\s+(?:was|is|has|had|have|were|been|also|actually|always|just|attempting\s+to|"
    r"trying\s+to))*\s+(?P<cue>(?:make|made|making)\s+(?:the|a|this|that|his|her|their|an)\s+(?:\w+\s+)?point|"
    r"telling\s+(?:us|me|you|them)|saying|(?:made|making)\s+(?:the|a)\s+(?:\w+\s+)?argument|"
    r"(?:have|has|had)\s+a\s+saying)"  # "I have a saying, which is that: X"
    r"[^.;:?!“\"]{0,60}?,\s+which\s+(?:is|was)\s+that:?\s+"
)


#: "you heard ... from the President that X": the one heard from says X
_HEARD_FROM = re.compile(
    rf"\b(?P<cue>heard|hear|hears)\b[^.;:?!“\"]{{0,50}}?\bfrom\s+{_SUBJECT}[^.;:?!“\"]{{0,40}}?\s+that\s+"
)
#: "today’s report tells you why: X": a text's words, nobody's in person
_TEXT_TELLS = re.compile(
    r"\b(?:report|data|study|survey|numbers|figures)\s+(?:also\s+)?(?P<cue>tells|told)\s+(?:you|us)\s+"
    r"(?:why\s*:|that)\s+"
)
#: "a phone call saying that X": a message's words, nobody's in person
_MESSAGE_SAYING = re.compile(
    r"\b(?:a|the)\s+(?:phone\s+)?(?:call|letter|message|note|email|text)\b[^.;:?!“\"]{0,40}?\s(?P<cue>saying)\s+that\s+"
)
#: "Another question folks are asking is: X?": the question, of nobody in particular
_QUESTION_ASKED = re.compile(
    r"\b(?:[Aa]nother|[Tt]he|[Oo]ne|[Aa])\s+(?:\w+\s+)?question\s+(?:that\s+)?(?:folks|people|many|some|"
    r"Americans|parents|families)\s+(?:are|have\s+been|keep|kept)\s+(?P<cue>asking)\s+(?:is|was)\s*:\s+"
)
#: (pattern, words one of which it needs, the speaker's words: None for its ``subj`` group), tried in order
_OTHER_REPORTS = (
    (_WHICH_IS_THAT, ("which is that", "which was that"), None),
    (_HEARD_FROM, ("hear",), None),
    (_QUESTION_ASKED, ("question",), ""),
    (_TEXT_TELLS, (" tell",), ""),
    (_MESSAGE_SAYING, ("saying",), ""),
)


def _other_report(sentence: str, s_start: int) -> list[_Record]:
    """Reports the cue rules do not read (:data:`_OTHER_REPORTS`): the content after "..., which is that" when a
    speech verb's object stands before it, after "heard from X that", "Another question folks are asking is:", a
    report that "tells you why:" and a message "saying that"."""
    for pattern, needs, subject in _OTHER_REPORTS:
        m = pattern.search(sentence) if any(w in sentence for w in needs) else None
        if m is not None:
            break
    else:
        return []
    if _QUOTE_MARK.search(sentence, m.end()):
        return []
    stop = len(sentence.rstrip().rstrip(".!?…").rstrip())
    if len(_words(sentence[m.end() : stop])) < 3:
        return []
    return [_Record(s_start + m.end(), s_start + stop, "indirect", _norm(m.group("cue")),
                    m.group("subj") if subject is None else subject, s_start + m.start("cue"))]  # fmt: skip


def _generic_you(record: _Record) -> bool:
    """ "you" as the subject of a cue that does not point at one person ("you can say that", "you know")."""
    words = _LEADING_FILLER.sub("", " ".join(str(record.subject or "").split())).lower()
    return re.sub(r"^(?:as|like)\s+", "", words) == "you" and record.cue not in _YOU_CUES


def _no_overlaps(quotes: list[tuple]) -> list[tuple]:
    """Keep the first of overlapping records (nested straight quotes can pair wrongly): spans never overlap."""
    out: list[tuple] = []
    for q in sorted(quotes, key=lambda q: (q[0], -q[1])):
        if out and q[0] < out[-1][1]:
            continue
        out.append(q)
    return out


def _own_state_view(record: _Record, source: Any) -> bool:
    """A publisher's state stating its present view ("The United States believes ...") is the author speaking."""
    own = _OWN_STATE.get(str(source or ""))
    subject = " ".join(str(record.subject or "").split()).lower()
    return own is not None and subject in own and record.cue in _PRESENT_ATTITUDE


def _field_author(speaker: Any, country: Any, speakers: Speakers) -> Person | None:
    """The document's speaker field as a person: the lexicon's, else the name with the country's target."""
    if speaker is None or not str(speaker).strip():
        return None
    from analysis.attribution import _country_target

    name = _field_name(speaker)
    person = speakers.person(name)
    return person if person is not None else Person(name=name, speaks_for=_country_target(country))


def _mask_links(text: str) -> str:
    """Blank out markdown link syntax, keeping offsets: "According to [new analysis](https://...) from X"."""
    return _MD_LINK.sub(lambda m: " " + m.group(1) + " " * (len(m.group()) - len(m.group(1)) - 1), text)


def _split_markup(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Also end sentences before markdown emphasis opening a new one ("... rejects. *The minister said ...")."""
    out = []
    for start, end in spans:
        for m in _MARKUP_BREAK.finditer(text, start, end):
            cut = m.start() + 1 if text[m.start()] in ".!?" else m.start() + 2
            out.append((start, cut))
            start = m.end()
        out.append((start, end))
    return out


def _segments(text: str) -> list[_Segment]:
    """Pair the quotation marks of a text (rule 1)."""
    out: list[_Segment] = []
    marks = [(m.start(), m.group()) for m in _QUOTE_MARK.finditer(text)]
    para_breaks = [m.start() for m in _PARAGRAPH.finditer(text)]
    open_at: int | None = None
    para_at = 0  # the paragraph the open quotation has reached (each continuation moves it on)
    k = 0
    while k < len(marks):
        pos, mark = marks[k]
        opener = mark == "“" or (mark == '"' and _straight_opens(text, pos, open_at))
        if open_at is not None and _crosses(para_breaks, para_at, pos):
            # The quote stayed open at a paragraph end: continue it only into the next paragraph
            # (which opens with a mark, or whose first mark closes it); else drop it.
            brk = para_breaks[bisect_right(para_breaks, para_at)]
            next_para = _PARAGRAPH.match(text, brk).end()
            if _crosses(para_breaks, next_para, pos) or (opener and text[next_para:pos].strip()):
                # not continued: a statement opening its paragraph ("*Statement from X:* “...") whose closing
                # mark is missing runs to the paragraph's end; any other stray mark is dropped
                if _OPENS_PARAGRAPH.search(text, max(0, open_at - 80), open_at) and text[open_at + 1 : brk].strip():
                    out.append(_Segment(open_at + 1, len(text[:brk].rstrip()), brk))
                open_at = None
            elif opener:  # the next paragraph opens with a mark: continuation, skip the mark
                para_at = pos
                k += 1
                continue
        if opener and open_at is None:
            open_at = para_at = pos
        elif not opener and open_at is not None:
            content_start = open_at + 1
            if text[content_start:pos].strip():
                out.append(_Segment(content_start, pos, pos + 1))
            open_at = None
        elif opener:
            open_at = para_at = pos  # two openers: the first was stray
        k += 1
    if open_at is not None and _OPENS_PARAGRAPH.search(text, max(0, open_at - 80), open_at):
        i = bisect_right(para_breaks, para_at)  # never closed: to the end of its (last) paragraph
        brk = para_breaks[i] if i < len(para_breaks) else len(text)
        if text[open_at + 1 : brk].strip():
            out.append(_Segment(open_at + 1, len(text[:brk].rstrip()), brk))
    return out


def _straight_opens(text: str, pos: int, open_at: int | None) -> bool:
    before = text[pos - 1] if pos else " "
    after = text[pos + 1] if pos + 1 < len(text) else " "
    if open_at is None:
        glued = before in ".!?" and after.isupper() and pos > 1 and text[pos - 2].islower()  # 'space."This ...'
        if not after.isspace() and (before.isspace() or before in "([{—–-/:" or glued):
            return True
        # a mark glued to the word before it (the Kremlin's scraped texts lost the space: 'described as"threatening"',
        # 'the attitude,"those who ...') opens when a closing-looking mark follows in the same paragraph
        if (before.isalnum() or before in ",;") and (after.isalnum() or after in "'‘“"):
            return _STRAIGHT_CLOSE.match(text, pos + 1) is not None
    return False


def _crosses(breaks: list[int], a: int, b: int) -> bool:
    i = bisect_right(breaks, a)
    return i < len(breaks) and breaks[i] < b


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_title(content: str) -> bool:
    words = [w for w in _words(content) if len(w) > 3]
    if len(words) < 2:
        return False
    capital = sum(w[0].isupper() for w in words)
    return capital / len(words) >= 0.7 and content.rstrip()[-1:] not in ".!?,"


def _direct(text: str, seg: _Segment, paragraphs: list[int]) -> _Record | None:
    """Classify one quoted segment as a direct quotation (rule 2) or None."""
    content = text[seg.start : seg.end]
    para = paragraphs[bisect_right(paragraphs, seg.start - 1) - 1]
    before = text[max(para, seg.start - 800) : seg.start - 1]
    after = re.sub(r"[*_]", " ", text[seg.close : seg.close + 200])  # ',” said **Mitch Landrieu, Adviser.**'
    cue_before = subject = None
    before = _LINK_TARGET.sub("]", before)  # "he expressed](https://...) “...”": the cue, not the URL
    before = re.sub(r" {2,}", " ", before)  # masked markdown links (see _mask_links)
    tail = before[-90:]
    as_told = _AS_TOLD_TAIL.search(before[-200:])
    if as_told is not None and not _skip_subject(as_told.group("subj")):  # "As I told Americans in my address, “"
        return _Record(seg.start, seg.end, "direct", _norm(as_told.group("cue")), as_told.group("subj"), seg.start)
    if _QUOTE_WORD.search(tail) and _CUE_TAIL.search(tail) is None:  # "people who were, quote, “stuck,”"
        return _Record(seg.start, seg.end, "direct", "quote", None, seg.start)
    quoted = _QUOTE_OBJECT.search(tail)
    if quoted is not None:
        return _Record(seg.start, seg.end, "direct", "quote", quoted.group("subj"), seg.start)
    passive = _PASSIVE_TAIL.search(tail)
    if passive is not None and (passive.group("cue") or len(_words(content)) >= 3):  # not "an expression, “go big”"
        return _Record(seg.start, seg.end, "direct", _norm(passive.group("cue") or passive.group("cue2")), "",
                       seg.start)  # fmt: skip
    answer = _ANSWER_WAS.search(tail)
    if answer is not None:  # "And his answer was, “No, not yet.”"
        return _Record(seg.start, seg.end, "direct", "answer", {"his": "he", "her": "she", "their": "they"}[
            answer.group("subj").lower()], seg.start)
    like = _BE_LIKE.search(tail)
    if like is not None and not _skip_subject(like.group("subj")):
        return _Record(seg.start, seg.end, "direct", "like", like.group("subj"), seg.start)
    thought = _THOUGHT_TAIL.search(tail)
    if thought is not None and not _skip_subject(thought.group("subj")):
        return _Record(seg.start, seg.end, "direct", _norm(thought.group("cue")), thought.group("subj"), seg.start)
    cue_m = _CUE_TAIL.search(tail)
    if cue_m is not None:
        lead = before[: len(before) - len(tail) + cue_m.start()][-160:]
        subject = _SUBJECT_BEFORE.search(lead) or _WHO_BEFORE.search(lead)
        if subject is None and _AND_BEFORE.search(lead):  # "The President ... and urged the Office to “...”"
            whole = before[: len(before) - len(tail) + cue_m.start()]
            ends = list(re.finditer(r"[.!?][”\"’]?\s+|\n[ \t\xa0]*\n", whole))
            subject = _LEAD_SUBJECT.match(whole, ends[-1].end() if ends else 0)
        cue_before = cue_m if subject is not None else None
    m_after = _AFTER_QUOTE.match(after) if content.rstrip()[-1:] in ",!?…—-" or after[:1] == "," else None
    head = before.rstrip().rstrip("*_ \t\xa0")
    initial = not head or head[-1] in '.!?…:;”"—–-' or head.endswith(("* * *", "***"))
    n_words = len(_words(content))
    if subject is not None and _skip_subject(subject.group("subj")):
        cue_before = subject = None  # "And they say, “...”" read as a subject "And"; "To ..."
    if cue_before is not None and subject is not None:
        if cue_before.group("cue") in _OBJECT_VERBS and _is_title(content) and n_words <= 6:
            return None  # "Her wife told “CBS This Morning” that ...": whom she told, not her words
        cue = re.sub(r"^(called|referred\s+to)\s(?!on\b|for\b).*$", r"\1", _norm(cue_before.group("cue")))
        return _Record(seg.start, seg.end, "direct", cue, subject.group("subj"), seg.start)
    if m_after is not None and initial:
        cue = m_after.group("cue") or m_after.group("cue2") or m_after.group("acc")
        subj = m_after.group("subj") or m_after.group("subj2") or m_after.group("subj3")
        return _Record(seg.start, seg.end, "direct", _norm(cue), subj, seg.close)
    byline = _BYLINE.match(after) if not head else None
    if byline is not None and n_words >= 4:  # an epigraph: a paragraph-long quotation, the name on the next line
        return _Record(seg.start, seg.end, "direct", "", byline.group("subj"), seg.close)
    label = _COLON_LABEL.search(before[-200:])
    if label is not None and _is_label(label.group("subj")):  # "**Lambda Legal**: “...”"
        name = " ".join(label.group("subj").replace("*", " ").split())
        name = re.split(r",\s+(?!(?:Jr|Sr|III|II)\b)", _LEADING_FILLER.sub("", name))[0]  # "Andy Marra, Director, ..."
        return _Record(seg.start, seg.end, "direct", "", name, seg.start)
    label = _NAME_TITLE_COLON.search(before[-240:])
    if (label is not None and not _skip_subject(label.group("subj")) and len(_words(content)) >= 3
            and not re.search(r"\bby\b|,\s+and\b", label.group())):  # "And Maya MacGuineas, President of the
        return _Record(seg.start, seg.end, "direct", "", label.group("subj"), seg.start)  # Committee ...: “...”"
    label = _BOLD_LABEL.search(before[-200:])
    if label is not None:  # "**Meg Ham – Food Lion President**   “...”": a bold name (and title) opening a paragraph
        name = re.split(r"\s+[–—-]\s+|,\s+(?!(?:Jr|Sr|III|II)\b)", " ".join(label.group("subj").split()))[0]
        if _is_label(name) and len(name.split()) >= 2:
            return _Record(seg.start, seg.end, "direct", "", name, seg.start)
    words_m = None
    for words_m in _IN_WORDS.finditer(before[-200:]):
        pass
    if words_m is not None and not re.search(r"[.!?]\s", before[-200:][words_m.end() :]):
        subj = words_m.group("subj") or words_m.group("subj2")
        subj = {"his": "he", "her": "she"}.get(subj, re.sub(r"['’]s?$", "", subj))
        return _Record(seg.start, seg.end, "direct", "words", subj, seg.start)
    past = _PAST_SPEECH.search(tail) if n_words >= 2 and not _is_title(content) else None
    if past is not None:
        fallback = _past_speech_fallback(before[: len(before) - len(tail) + past.end("cue")])
        if fallback is not None:
            return _Record(seg.start, seg.end, "direct", _norm(past.group("cue")), fallback, seg.start)
    if not initial or n_words < 4 or _is_title(content):
        return None  # a quoted phrase or title inside a sentence, with no speech cue
    heading = re.search(r"\*\*[^*\n]{1,80}:\s*\*\*[ \t\xa0]*$", before) is not None  # "**From the conversation:**"
    if head.endswith(":") and cue_m is None and not heading:
        # an introducer the rules cannot read ("I quote:", "a well-known proverb:", "the journalists hollered:"):
        # the words are not the turn's or the author's, and nobody can be named
        return _Record(seg.start, seg.end, "direct", "", "", seg.start)
    return _Record(seg.start, seg.end, "direct", "", None, seg.start, inherit_cue=True)


#: Past-tense cues that report words actually spoken ("and all the press went in and said, “...”").
_PAST_SPEECH = re.compile(
    r"\b(?P<cue>said|asked|told|replied|answered|yelled|shouted|screamed|whispered|responded|wrote|saying|"
    r"blurted(?:\s+out)?)(?:\s+(?:to\s+)?(?:me|him|her|us|them))?"
    r"(?:,?\s+(?:and\s+)?I\s+quote)?"  # "It was Justice Scalia who wrote, and I quote, “...”"
    r"\s*(?:[,:]|[—–][^“”\"—–]{1,80}[—–])\s*$"  # "And he said — because he was the kind of leader — “...”"
)
#: A clause that is negated, hypothetical or generic: "Not one of you have ever called and said, “...”".
_NOT_REPORT = re.compile(
    r"\b(?:not|never|n['’]t|no\s+one|nobody|if|would|could|should|might|can|will|may|must|whether|anyone|"
    r"everybody|everyone|people|someone|somebody|you)\b|['’]d\b",
    re.IGNORECASE,
)


def _past_speech_fallback(lead: str) -> str | None:
    """A quotation right after a past speech verb whose subject the rules could not read (``lead``: the text
    before the verb): the words of the clause's subject (the last name or pronoun before a verb in the sentence,
    "" when there is none), or None when the clause is negated, hypothetical or generic."""
    ends = list(re.finditer(r"[.!?][”\"’]?\s+|\n[ \t\xa0]*\n", lead))
    clause = lead[ends[-1].end() if ends else 0 :]
    words = clause.split()
    if len(clause) > 300 or "?" in clause or _NOT_REPORT.search(" ".join(words[:3] + words[-5:])):
        return None
    near = None
    for near in _CLAUSE_SUBJECT.finditer(clause):
        pass
    spoke = [m for m in _CLAUSE_SUBJECT.finditer(clause) if m.group("verb") in ("said", "told", "asked", "called")]
    near = spoke[-1] if spoke else near  # "the woman said to me — not of my persuasion, as I was — called me and"
    subj = (near.group("subj") or near.group("subj2")) if near is not None else None
    return subj if subj and not _skip_subject(subj) else ""


def _indirect(text: str, sentence: str, s_start: int, s_end: int, inside_quote) -> list[_Record]:
    """The reported speech of one sentence (rule 3): its first reported clause, split at coordinated cues."""
    out: list[_Record] = []
    for record in _first_indirect(text, sentence, s_start, s_end, inside_quote):
        for m in _CLAUSE_END.finditer(text, record.start, record.end):
            if m.start() > record.start and not inside_quote(m.start()):
                record.end = m.start()
                break
        out.extend(_split_coordinated(text, record))
    return out


def _with_head(sentence: str, at: int, s_start: int, after: _Record) -> list[_Record]:
    """"X, as I said, Y" in mid-sentence: X is the earlier words too (guide 3: two records) when it is a clause of
    its own ("I’ve attended this memorial many times, as I said, to pay my respects"), not a fragment ("wounds
    that, as I said, ...")."""
    head = sentence[:at].rstrip()
    if not head.endswith(","):
        return [after]
    head = head[:-1].rstrip()
    first = _content_start(sentence, 0)
    if (_ENDS_SENTENCE.search(sentence, 0, at) is None and _LEAD_SUBJECT.match(head) is not None
            and len(_words(head[first:])) >= 4 and not re.search(r"\b(?:that|which|who|and|but|or)$", head)
            and (_FINITE.search(head) or _CONTRACTION.search(head) or _PAST_CLAUSE.search(head))
            and not re.match(r"[\s*_]*(?:You\s+know|Look|Well|Now|So|And)\b", head)):
        before = _Record(s_start + first, s_start + len(head), "indirect", after.cue, after.subject, after.anchor)
        return [before, after]
    return [after]


def _split_coordinated(text: str, record: _Record) -> list[_Record]:
    """Cut a reported clause where the reporting subject's next predicate starts.

    "X confirmed that A and said that B" gives A (confirmed) and B (said); "X noted that A and asked
    for clarification" gives A only.
    """
    out = []
    while True:
        content = text[record.start : record.end]
        m = _COORDINATED.search(content, 8)
        if m is None:
            out.append(record)
            return out
        verb_end = record.start + m.end()
        end = record.start + m.start()
        out.append(_Record(record.start, end, record.kind, record.cue, record.subject, record.anchor))
        full = _CUE.match(text, record.start + m.start("verb"))  # "and expressed confidence that"
        if full is None:
            return out
        verb, verb_end = _norm(full.group("cue")), full.end()
        k = _reported_start(text[verb_end : record.end], verb)
        if k is None or verb_end + k >= record.end:
            return out
        record = _Record(verb_end + k, record.end, record.kind, verb, record.subject, record.start + m.start("verb"))


def _first_indirect(text: str, sentence: str, s_start: int, s_end: int, inside_quote) -> list[_Record]:
    """The first reported clause of one sentence (two for "A, he said, B"), or []."""
    stop = len(sentence.rstrip().rstrip(".!?…").rstrip())
    # "According to X, CONTENT."
    m = _ACCORDING_START.search(sentence)
    relative = m is not None and re.search(r"\b(?:which|that|who)$", sentence[: m.start()]) is not None
    if m and not inside_quote(s_start + m.start("cue")) and (m.start() <= 60 or relative):
        return [_Record(s_start + m.end(), s_start + stop, "indirect", _norm(m.group("cue")), m.group("subj"),
                        s_start + m.start())]  # fmt: skip
    # "CONTENT, according to X."
    m = _ACCORDING_END.search(sentence)
    own_cues = _CUE.finditer(sentence, 0, m.start()) if m is not None else ()
    if any(_SUBJECT_BEFORE.search(sentence, 0, c.start()) for c in own_cues):
        m = None  # "The officials said X, according to a statement": the sentence's own cue comes first
    if m and not inside_quote(s_start + m.start("cue")):
        start = _content_start(sentence, 0)
        end = m.start() + (
            1 if sentence[m.start() : m.start() + 2] in (",”", ',"') or sentence[m.start()] in '”"' else 0
        )
        if sentence[m.start()] == ",":
            end = m.start() + (2 if sentence[m.start() + 1 : m.start() + 2] in '”"' else 0)
        return [_Record(s_start + start, s_start + end, "indirect", "according to", m.group("subj"),
                        s_start + m.start())]  # fmt: skip
    # "CONTENT, X said (on Monday)" / "CONTENT, said X." / "A, X said, B."
    for m in _CUE_AFTER.finditer(sentence):
        head = sentence[: m.start()]
        # "Overall, the President said, the situation is stable": a sentence adverb is not content of its own
        lead_adverb = len(_words(head)) == 1 and _LEAD_ADVERB.fullmatch(head.strip(" \t\n\xa0*_")) is not None
        # "When asked later if he would change anything, the rabbi said, “...”": the question, not content
        lead_adverb = lead_adverb or re.match(r"[\s*_]*(?:(?:When|If|Once)\s+(?:he\s+was\s+|she\s+was\s+)?)?[Aa]sked\b",
                                              head) is not None
        if inside_quote(s_start + m.start()) or (len(_words(head)) < 2 and not lead_adverb):
            continue
        if _QUOTE_MARK.search(head[:2]):
            continue  # "“...,” he said": a direct quote
        if re.match(r"\s*(?:(?:and\s+I\s+)?quote,?\s*)?[“\"]", sentence[m.end() :]):
            continue  # "years ago, for this job, I said, “Please take your seats.”": the quotation is after the cue
        subj = m.group("subj") or m.group("subj2")
        cue = _norm(m.group("cue") or m.group("cue2"))
        if cue == "told" and re.fullmatch(r"(?:I|[Ww]e|[Yy]ou)['’](?:m|re)", subj or ""):
            subj = ""  # "Tammy Duckworth, I’m told, is here": agentless, nobody named
        if _skip_subject(subj) or (_first_person(subj) and cue in _PERFORMATIVE) or cue in _BASE_FORMS:
            continue  # "..., the United States will highlight, reinforce, and ...": a list of verbs, not a cue
        if re.match(r"\s+in\b", sentence[m.end("cue") if m.group("cue") else m.end("cue2") :]) and cue.startswith(
            ("believ", "hope", "trust")
        ):
            continue  # "As a teacher, I have always believed in the power of language"
        start = _content_start(sentence, 0)
        out = [] if lead_adverb else [_Record(s_start + start, s_start + m.start(), "indirect", cue, subj,
                                              s_start + m.start())]  # fmt: skip
        if sentence[m.end() - 1 : m.end()] == ",":  # the sentence goes on after the parenthetical cue
            rest = re.match(r"\s*(?:(?:and|but)\s+)?", sentence[m.end() : stop])
            k = m.end() + (rest.end() if rest else 0)
            tail = sentence[k:stop]
            extraposed = _EXTRAPOSED.match(head) is not None and tail.startswith("to ")  # "It was important, he
            # said, to alter ...": the infinitive is the subject clause's content
            if (len(_words(tail)) >= 2 and (not _NOT_CONTENT.match(tail) or extraposed) and not _NOT_CLAUSE.match(tail)
                    and (_FINITE.search(tail) or extraposed)):  # fmt: skip
                out.append(_Record(s_start + k, s_start + stop, "indirect", cue, subj, s_start + m.start() + 1))
        return out
    # "It was noted that CONTENT" (nobody named), "Like I said ..., CONTENT", "X did Y, noting that CONTENT".
    m = _IT_WAS.search(sentence)
    if m and not inside_quote(s_start + m.start()):
        return [_Record(s_start + m.end(), s_start + stop, "indirect", _norm(m.group("cue")), "", s_start + m.start())]
    m = _TO_QUOTE.search(sentence)
    if m and not inside_quote(s_start + m.start()) and len(_words(sentence[m.end() : stop])) >= 3 and (
            not _QUOTE_MARK.search(sentence, m.end(), m.end() + 3)):  # "has become, to quote Mr Gref, one of the
        return [_Record(s_start + m.end(), s_start + stop, "indirect", "quote", m.group("subj"), s_start + m.start())]
    m = _SAYING_GOES.search(sentence)
    if m and not inside_quote(s_start + m.start()) and len(_words(sentence[m.end() : stop])) >= 3 and (
            not _QUOTE_MARK.search(sentence, m.end())):  # "an old expression, as I said earlier: “...”": direct
        return [_Record(s_start + m.end(), s_start + stop, "indirect", "saying", "", s_start + m.start())]
    m = _WAS_TOLD.search(sentence)
    if m and not inside_quote(s_start + m.start()):
        rest = sentence[m.end() : stop]
        head = " ".join(_words(rest)[:10])
        if len(_words(rest)) >= 3 and (_FINITE.search(head) or _CONTRACTION.search(head)) and "“" not in rest:
            # (not when a quotation follows in the sentence: "we were told he was going to die — that he looked at
            # me, and he said, “...”" is the son's quotation)
            return [_Record(s_start + m.end(), s_start + stop, "indirect", "told", "", s_start + m.start("cue"))]
    m = _CLEFT.search(sentence)
    if m and not inside_quote(s_start + m.start()):
        return [_Record(s_start + m.end(), s_start + stop, "indirect", _norm(m.group("cue")), m.group("subj"),
                        s_start + m.start("cue"))]  # fmt: skip
    m = _HEARD_ME.search(sentence)
    if m and not inside_quote(s_start + m.start()) and len(_words(sentence[m.end() : stop])) >= 3:
        who = {"me": "I", "her": "she", "him": "he"}[m.group("who")]
        return [_Record(s_start + m.end(), s_start + stop, "indirect", m.group("cue"), who, s_start + m.start())]
    m = _NOUN_SAYING.search(sentence)
    if m and not inside_quote(s_start + m.start()) and len(_words(sentence[m.end() : stop])) >= 3 and (
            not _QUOTE_MARK.search(sentence, m.end(), stop)):  # (a quotation after it is read as a direct one)
        # "a phone call from my fire department saying ...": the caller; "released a statement saying": its
        # releaser (see _ISSUED_TEXT); a call or a message from nobody named: ""
        subj = m.group("from") or (m.group("subj") if re.search(r"(?:statement|letter)$", m.group("subj")) else "")
        if m.group("from") and re.match(r"the\s+[a-z]", m.group("from")):
            subj = re.sub(r"^the\s+", "", m.group("from"))  # "from the leader of Finland": as written
        return [_Record(s_start + m.end(), s_start + stop, "indirect", m.group("cue"), subj, s_start + m.start())]
    m = _VIEW_IS.search(sentence)
    if (m and not inside_quote(s_start + m.start()) and not sentence.rstrip().endswith("?")
            and _clause_like(sentence[m.end() : stop], bare_subject=True)):
        who = {"his": "he", "her": "she", "their": "they"}[m.group("subj").lower()]  # "His view is there is no
        return [_Record(s_start + m.end(), s_start + stop, "indirect", m.group("cue"), who, s_start + m.start())]
    m = (_MESSAGE_COLON.search(sentence) or _THEY_TELL_ME.search(sentence) or _REPORTS_ARE.search(sentence)
         or _WAS_ASKED.search(sentence))
    if m and not inside_quote(s_start + m.start()) and len(_words(sentence[m.end() : stop])) >= 2:
        subj = m.groupdict().get("subj") or m.groupdict().get("subj2") or ""
        subj = subj or {"my": "I", "our": "we"}.get((m.groupdict().get("subj3") or "").lower(), "")
        cue = "message" if m.re is _MESSAGE_COLON else m.group("cue")
        if m.re is _THEY_TELL_ME and subj.lower() == "they":
            subj = ""  # "Mr. President, they tell me you’re over there": people in general
        return [_Record(s_start + m.end(), s_start + stop, "indirect", cue, subj, s_start + m.start())]
    m = _AS_PASSIVE.search(sentence)
    if m and not inside_quote(s_start + m.start()) and len(_words(sentence[m.end() : stop])) >= 3:
        after = _Record(s_start + m.end(), s_start + stop, "indirect", _norm(m.group("cue")), "", s_start + m.start())
        return _with_head(sentence, m.start(), s_start, after)
    m = _LIKE_SAID.search(sentence)
    if (m is not None and re.match(r"(?:talked|been|spoken|laid|read|heard)\b", m.group("cue"))
            and not _TALKED_TAIL.fullmatch(sentence, m.end("cue"), m.end())):
        m = None  # "as we talked about the weather, it rained": an object, not "as we’ve talked about in here,"
    early = m is not None and (m.start() <= 40 or _ENDS_SENTENCE.search(sentence, 0, m.start()) is not None)
    if m is not None and not early and sentence[: m.start()].rstrip().endswith(","):
        # "wounds that, as I said, our military encounters": mid-sentence, the rest of the sentence is the content
        early = _norm(m.group("cue")) in _AS_SAID_MID
    base = m is not None and _norm(m.group("cue")) in _BASE_FORMS  # "As we add ...", "as I would note, ...": no
    # "As a parent said, quote, “...”": the quotation after the cue is a direct one
    marked = m is not None and re.match(r"\s*(?:(?:and\s+I\s+)?quote,?\s*)?[“\"]", sentence[m.end() :]) is not None
    if m and early and not base and not marked and not inside_quote(s_start + m.start()):
        after = _Record(s_start + m.end(), s_start + stop, "indirect", _norm(m.group("cue")), m.group("subj") or "",
                        s_start + m.start())  # fmt: skip
        return _with_head(sentence, m.start(), s_start, after)
    m = _PARTICIPLE.search(sentence) or _PARTICIPLE_OBJECT.search(sentence) or _SAYING.search(sentence)
    if m and not inside_quote(s_start + m.start()):
        subj = _LEAD_SUBJECT.match(sentence)
        if re.match(r"\s+(?:by|while|when)\s", sentence[m.start() : m.start() + 7]):
            # "I want to note that the Russian President responded by saying that ...": the subject of the verb
            # the participle depends on, not the sentence's first one
            head = sentence[max(0, m.start() - 150) : m.start()]
            near = None
            for near in _VERB_SUBJECT.finditer(head):
                pass
            if near is not None and not _skip_subject(near.group("subj")) and near.end() == len(head):
                subj = near
        if subj is not None and not _skip_subject(subj.group("subj")):
            return [_Record(s_start + m.end(), s_start + stop, "indirect", _norm(m.group("cue")), subj.group("subj"),
                            s_start + m.start())]  # fmt: skip
    # "X said (that) CONTENT." / "X spoke about Y and said that CONTENT." (not in a question: "Does the
    # administration believe that ...?")
    question = sentence.rstrip().endswith("?")
    for m in _CUE.finditer(sentence):
        if inside_quote(s_start + m.start()):
            continue
        head = sentence[: m.start()]
        if _DETERMINER_BEFORE.search(head):
            continue  # a noun: "the states that ...", "two notes"
        subj = _SUBJECT_BEFORE.search(head) or _RELATIVE_WHO.search(head)  # "Jake Sullivan, who told me that"
        if subj is None and _AND_BEFORE.search(head):
            lead = _LEAD_SUBJECT.match(sentence)
            if lead is not None and lead.end("subj") > m.start():
                lead = None
            near = None
            for near in _NEAR_SUBJECT.finditer(head):  # "... in which he expressed “...” and noted that ..."
                pass
            subj = near if near is not None and (lead is None or near.start() > lead.end()) else lead
        if subj is None:
            continue
        cue = _norm(m.group("cue"))
        words = subj.group("subj")
        if _JOINT_SUBJECT.fullmatch(sentence, 0, subj.start("subj")) or _BOTH_AND.search(
                sentence, 0, subj.start("subj")):  # "echo what both President Biden and Secretary Blinken said:"
            words = "both sides"  # "X and Y agreed that": several people jointly
        place = _OF_PLACE.search(sentence, 0, subj.start("subj"))
        if place is not None and " " not in words.strip():  # "Mayor Melvin Carter of St. Paul, Minnesota said"
            words = place.group("who")
        if cue in _BASE_FORMS and not _MODAL_BEFORE.search(head) and not re.fullmatch(_BARE_GROUP, words.lower()):
            continue  # "The Leaders note that ...": a joint statement's own voice ("Experts tell us that": a report)
        present = cue in _PERFORMATIVE or cue in _BASE_FORMS or cue.startswith(("am ", "are "))
        if question and not (words.lower() == "you" and cue in _YOU_CUES and cue not in _PERFORMATIVE) and not (
                cue in _QUESTION_REPORTS and words.lower() not in ("you", "i", "we") and words.strip()
                and not re.match(r"[\s*_]*(?:Who|What|Which|Whom)\b", sentence)
                and not _ASKED_AUX.search(sentence, 0, subj.start("subj"))):
            continue  # "Does the administration believe that ...?"; but "You have already said that X, but ...?",
            # "..., given that Dr. Fauci says this new variant could already be here?" (a report inside a question)
        habitual = re.search(r"\b(?:often|always|repeatedly|usually|frequently|keep|kept)\s+$", head) is not None
        if _skip_subject(words) or (_first_person(words) and ((present and not habitual) or cue in _FINDING
                                                              or cue in _PAST_ATTITUDE)):
            continue  # "I believe that", "I had hoped that": the speaker's own mind, not reported words
        aux = _AUX_BEFORE.search(sentence, 0, subj.start("subj"))
        if aux is not None and not question and _THATS_WHY.search(sentence, 0, subj.start("subj")):
            aux = None  # "That is why President Biden announced that ...": a statement, not "why does he believe"
        if aux is not None and not (aux.group().strip().lower() == "when" and cue in _PAST_REPORTS and not question):
            continue  # a question: "why does President Biden believe ...", or "when he thinks that ..." (but "the
            # President put it very well when he said that ...": a past report)
        k = _reported_start(sentence[m.end() : stop], cue)
        if k is None or m.end() + k >= stop:
            continue
        if re.search(r"['’]s$", words) and not _clause_like(sentence[m.end() + k : stop], bare_subject=True):
            continue  # "refutes Russia’s claimed commitment to diplomacy": a possessive before an adjective
        if cue in _WEAK_THAT and not _clause_like(sentence[m.end() + k : stop], bare_subject=cue in _FINDING):
            continue  # "The President shared that tragic story": "that" is a determiner
        return [_Record(s_start + m.end() + k, s_start + stop, "indirect", cue, words, s_start + m.start())]
    # Any other past-tense verb of a named subject with a that-clause ("X pledged / verified / cautioned that"),
    # unless it is a verb of knowing, perceiving, deciding or ordering ("X learned / ensured / directed that").
    for m in _ANY_VERB_THAT.finditer(sentence) if _ED_THAT.search(sentence) else ():
        verb = m.group("cue").lower()
        if (verb in _NOT_SPEECH_VERBS or inside_quote(s_start + m.start())
                or _DETERMINER_BEFORE.search(sentence[: m.start("subj")]) or not _clause_like(sentence[m.end() :])):
            continue
        words = m.group("subj")
        if _skip_subject(words) or _first_person(words) or words.lower() in _NOT_SPEAKERS:
            continue
        if _AUX_BEFORE.search(sentence, 0, m.start("subj")) or m.end() >= stop:
            continue
        return [_Record(s_start + m.end(), s_start + stop, "indirect", verb, words, s_start + m.start("cue"))]
    return []


def _first_person(subject: str | None) -> bool:
    return bool(subject) and _LEADING_FILLER.sub("", subject).lower() in ("i", "we")


def _is_label(words: str) -> bool:
    """A line-start label names someone: capitalised words (connectors allowed), no sentence inside."""
    if _NOT_LABEL.match(words):
        return False
    tokens = words.replace("*", " ").replace(",", " ").split()
    if not tokens or len(tokens) > 16 or re.search(r"[a-z]{2}[.!?]", words):
        return False
    return all(t[0].isupper() or t[0] in "(&@#\"“" or t in _LABEL_CONNECTORS for t in tokens)


def _skip_subject(subject: str | None) -> bool:
    """A subordinate or hypothetical subject ("If Harry said ..."), or one that is only a filler word."""
    if not subject:
        return False
    if re.match(r"(?:If|Unless|Whether|Should|When|Whenever|Once|In|On|At|For|During|After|Before|From|With|"
                r"Throughout|Under|Over|Since|Following|Despite|By|To|Of|Among|Within|Amid|Be|Rest)\b", subject):
        # ("Be assured that", "Rest assured that": an imperative, nobody's report)
        return True
    return _LEADING_FILLER.sub("", subject).lower() in _FILLERS


def _content_start(sentence: str, pos: int) -> int:
    while pos < len(sentence) and (sentence[pos].isspace() or sentence[pos] in '“"‘'):
        if sentence[pos] in '“"':
            break
        pos += 1
    return pos


#: A sentence adverb set off by commas between a cue and its clause: "stressed, however, that".
_ASIDE_AFTER_CUE = re.compile(
    r"\s*,\s*(?:however|though|also|again|too|in\s+turn|in\s+particular|moreover|furthermore|for\s+example|"
    r"for\s+instance|of\s+course|once\s+again|at\s+the\s+same\s+time|[a-z]{3,}ly)\s*,\s+(?=that\s)"
)
#: Past reports whose content may follow a colon after a few words ("It has declared to all: The United States ...").
_COLON_CUES = {"said", "told", "declared", "stated", "wrote", "warned", "have said", "has said", "had said",
               "announced", "explained", "added", "replied", "suggested", "reiterated", "stressed"}  # fmt: skip


def _reads_finite(head: str) -> bool:
    """The first words after a cue's object read as a finite clause ("we’d do it", "I grew up", "it works")."""
    return bool(_FINITE.search(head) or _CONTRACTION.search(head) or re.search(r"\b(?:he|she|it)\s+[a-z]+s\b", head)
                or _PAST_CLAUSE.match(head))


def _reported_start(rest: str, cue: str) -> int | None:
    """Where the reported clause starts after a speech verb, or None when there is none."""
    m = _ASIDE_AFTER_CUE.match(rest)  # "He made clear, however, that ...": the aside is not content
    if m is not None:
        k = _reported_start(rest[m.end() :], cue)
        return None if k is None else m.end() + k
    m = _TIME_ADVERBIAL.match(rest)
    if m:
        return m.end()
    m = re.match(r"\s*[—–]\s*(?=[a-z])", rest)  # "Powell said — made it clear that ...": the speaker rephrases
    if m is not None:
        again = _CUE.match(rest, m.end())
        if again is not None and again.group("cue") not in _BASE_FORMS:
            k = _reported_start(rest[again.end() :], _norm(again.group("cue")))
            return None if k is None else again.end() + k
    m = re.match(r"\s*:\s+(?=[\w(])", rest)  # "He added: the budget was balanced" (no quotation marks)
    if m is None and cue in _COLON_CUES:  # "I have told you over the phone more than once: the Federation ..."
        m = re.match(r"\s+(?!(?:a|an|the|this|these|that|his|her|their|its|our|my)\s)(?:[a-z][\w’'\-]*,?\s+){1,7}?"
                     r"[a-z][\w’'\-]*\s*:\s+(?=[\w(])", rest)  # not an object: "announced a bold new goal:"
        if m is not None and not _SUBJECT_START.match(rest[m.end() :]):
            m = None
    if m and len(_words(rest[m.end() :])) >= 3:
        return m.end()
    if cue.split()[0] in _OBJECT_VERBS or cue.endswith(" telling") or (
            cue.endswith(" saying") and re.match(r"\s+to\s", rest)):  # "I was telling the officers that ...",
        # "I was saying to Sarah in the back, when I was ..."
        m = re.match(r"^\s+(?:[^.;:“\"]{1,80}?)\s+that\s+", rest) or re.match(  # "told the President how ..."
            r"^\s+(?:the\s+)?[\w\-]+(?:\s+[A-Z][\w\-]+)?\s+(?=(?:how|why|what|whether)\s)", rest)
        if m is None and cue.split()[0] in ("told", "tells", "tell"):  # "I told her if she sees me, ...",
            m = re.match(r"^\s+(?:him|her|them|me|us|you(?:\s+all)?)\s+(?=(?:if|I|we|he|she|they|it|that['’]s)\b)",
                         rest)  # "told him
            head = " ".join(_words(rest[m.end() :])[:8]) if m else ""  # we’d do it"
            if m is not None and not (_reads_finite(head) or re.search(r"n['’]t\b", head)
                                      or re.match(r"that['’]s\b", head)):
                m = None
        if m is None and (cue.split()[0] == "told" or cue.endswith((" telling", " saying"))):
            # "I was telling the president of this organization, I grew up in a neighborhood where ...": the one
            # told, then a comma and a finite clause (not "I'm telling you, ...": the speaker's own emphasis)
            m = re.match(r"^\s+(?!you\b|y['’]all\b|folks\b|everybody\b)(?:[^.;:,“\"—–]{1,60}?),\s+"
                         r"(?:you\s+know,\s+|because\s+I\s+[—–]\s+)?(?=(?:I|we|he|she|they|it|there|when)\s)", rest)
            head = " ".join(_words(rest[m.end() :])[:8]) if m else ""
            if m is not None and not (_reads_finite(head) or head.startswith("when ")):
                m = None
        return m.end() if m else None
    if cue in ("promised", "promises", "pledged"):  # "I promised every American that there will be ...", the one
        m = re.match(r"^\s+(?!that\b|to\b)(?:[\w’'\-]+\s+){1,4}?that\s+(?=\w)", rest)  # promised, then "that"
        if m is not None and _clause_like(rest[m.end() :], bare_subject=True):
            return m.end()
    m = re.match(r"^\s+to\s+(?:me|us|him|her|them|you)\s+(?=(?:how|why|what|whether)\s)", rest)
    # "the doctors explained to me what was going on"; not "he said to me what he said many times"
    if m is not None and cue not in ("said", "says", "say"):
        return m.end()
    m = re.match(r"^\s+", rest)
    if m is None:
        return None
    clause = rest[m.end() :]
    if not clause or clause[0] in '“":,(—–' or _NOT_CONTENT.match(clause) or _NP_OBJECT.match(clause):
        return None
    words = _words(clause)
    if len(words) < 3:
        return None
    if cue in ("wrote", "writes") and re.match(r"(?:a|an|this|these|those|his|her|their|our|my|your)\s", clause):
        return None  # "wrote a piece documenting ...": what was written, not what it says
    if cue in ("added", "adds") and (_FINITE.search(" ".join(words[:12])) is None or not _SUBJECT_START.match(clause)):
        return None  # "we added jobs on top of that": an object, not a clause
    often = re.match(r"(?:many|several|a\s+few|so\s+many|numerous)\s+times\b(?:\s+(?:before|over\s+the\s+years|in\s+the"
                     r"\s+past|from\s+this\s+podium))?[\s,—–-]*", clause)
    if cue in _BARE_VERBS and often is not None:  # "I’ve said many times, we must ...", not "what he said many times"
        after = _words(clause[often.end() :])
        head = " ".join(after[:10])
        ok = len(after) >= 3 and (_FINITE.search(head) or _CONTRACTION.search(head))
        return m.end() + often.end() if ok else None
    if cue not in _BARE_VERBS and not _WH_WORD.match(clause):
        # "stressed that ...", "noted how ...", "noted this opportunity depends on ...", never "underscored
        # the strength of ..." or "noted all the good work done": a bare clause needs an early auxiliary.
        verb = cue.split()[-1] if cue.split()[0] in ("is", "are", "was", "were") else cue.split()[0]
        if (verb not in _BARE_CLAUSE_VERBS and verb not in _BARE_ING) or not _SUBJECT_START.match(clause):
            return None  # ("are announcing they will ...": the progressive of a bare-clause verb)
        if not _EARLY_AUX.match(clause):
            return None
    return m.end()


def _norm(cue: str) -> str:
    return " ".join(cue.lower().split())


def _resolve(
    records: list[_Record],
    text: str,
    speakers: Speakers,
    context: dict,
    resets: list[tuple[int, str, Person | None, str]],
) -> list[tuple[int, int, str, str, str, str]]:
    """Give every record its speaker (rule 4), walking the text in order."""
    # The memory: (position, name, person, words used), from attributions and from lexicon names in the text.
    mentions = []
    for m in speakers.name_regex().finditer(text):
        person = speakers.person(m.group())
        if person is not None:
            mentions.append((m.start(), person.name, person, m.group()))
    for m in _TITLED_NAME.finditer(text):
        person = speakers.person(m.group("name"))
        name = person.name if person is not None else m.group("name")
        mentions.append((m.start(), name, person, m.group()))
    for m in _TITLED_SURNAME.finditer(text):
        if m.group("name") not in _NOT_NAME_WORDS and speakers.person(m.group("name")) is None:
            mentions.append((m.start(), m.group("name"), None, m.group()))
    for m in _MY_KIN.finditer(text):  # "My dad used to say —"
        partner = _partner(m.group("noun"), m.start(), speakers, context, resets)
        named = _KIN_NAME.match(text, m.end())  # "my son Beau", "my son, Hunter,": the name the speaker gives
        first = (named.group("name") or named.group("name2")) if named is not None else None
        if partner is None and first is not None and first not in _NOT_NAME_WORDS and first not in ("God", "Lord"):
            partner = (_kin_name(first, m.group("noun"), m.start(), context, resets), None)
        mentions.append((m.start(), *(partner or (m.group("noun"), None)), m.group()))
    for m in _NAME_WAS.finditer(text) if " name " in text else ():  # "His name was Satchel Paige."
        person = speakers.person(m.group("name"))
        mentions.append((m.start("name"), person.name if person else m.group("name"), person, m.group("name")))
    for m in _NAMED.finditer(text) if re.search(r" (?:named|called|name of) ", text) else ():  # "a guy named X"
        person = speakers.person(m.group("name"))
        mentions.append((m.start("name"), person.name if person else m.group("name"), person, m.group("name")))
    source_labels = speakers.sources.get(str(context.get("source")))
    if source_labels is not None and source_labels.labels:
        for m in re.finditer(r"\b(?:[Tt]he\s+(?:Vice\s+)?President|[Tt]he\s+First\s+Lady)\b(?!\s+of\b|['’]s)", text):
            person = speakers.source_label(context.get("source"), m.group())
            if person is not None:
                mentions.append((m.start(), person.name, person, m.group()))
    for m in _OFFICE_MENTION.finditer(text):  # "the IAEA Director General": an office, as written, if unknown
        if speakers.by_title(m.group(), context.get("date")) is None and speakers.person(m.group("office")) is None:
            mentions.append((m.start(), m.group("office"), None, m.group()))
    for m in _COUNTRY_OFFICE.finditer(text) if "’s " in text or "'s " in text else ():
        # "Uzbekistan's President": a head of state or government the lexicon does not list, as written
        if speakers.by_title(m.group(), context.get("date")) is None:
            mentions.append((m.start(), m.group(), None, m.group()))
    for m in speakers.title_regex().finditer(text):
        person = speakers.by_title(m.group(), context.get("date"))
        if person is not None:
            mentions.append((m.start(), person.name, person, m.group()))
    for m in _OFFICE_SUBJECT.finditer(text):
        mentions.append((m.start(), _OFFICE_REF, None, m.group("office")))
    known = {h[0] for h in mentions}
    for m in _SUBJECT_NAME.finditer(text):  # "John Smith, a farmer from Ohio, spoke ..." (not in the lexicon)
        name = m.group("name")
        if m.start("name") not in known and _plain_name(name) and speakers.person(name) is None:
            mentions.append((m.start("name"), name, None, name))
    full_names = [(m.start(), m.group()) for m in _FULL_NAME.finditer(text) if _plain_name(m.group())]
    for m in _FIRST_NAME.finditer(text):  # "I was kidding Pat earlier. ... He said": a first name alone
        name = m.group("name")
        if name not in _FIRST_NAME_GENDER or m.start() in known or name in _NOT_NAME_WORDS:
            continue
        addressed = re.search(r"(?:^|[,.!?:;—–]\s*|\n\s*)$", text[max(0, m.start() - 3) : m.start()])
        if addressed and _VOCATIVE.match(text, m.end()):
            continue  # "Thank you, Jim.", "Joe, keep the faith": the one addressed, not someone spoken of
        full = next((n for at, n, _, _ in reversed(mentions) if at < m.start() and n.split()[0] == name
                     and len(n.split()) > 1), None)  # "my son Beau" (Beau Biden) ... "Beau said"
        full = full or next((f for at, f in reversed(full_names) if at < m.start() and name in f.split()[:-1]), None)
        full = full or next((f for _, f in full_names if name in f.split()[:-1]), None)  # named in full later
        couple = re.search(rf"\b{name}\s+and\s+[A-Z][a-z]+\s+(?P<sur>[A-Z][a-z]+)\b", text) if full is None else None
        full = f"{name} {couple.group('sur')}" if couple is not None else full  # "Bob and Elizabeth Dole"
        if full is not None and full.split()[0] in _TITLE_WORD_SET:  # "Senator Bob Dole": the name, not the title
            full = " ".join(full.split()[full.split().index(name) :])
        person = speakers.person(full or name)
        mentions.append((m.start(), person.name if person else (full or name), person, name))
    for m in _BRACKET_NAME.finditer(text) if "[" in text else ():  # "the First President of Kazakhstan [Nursultan
        person = speakers.person(m.group("name"))  # Nazarbayev]": the editor names the one meant
        mentions.append((m.start("name"), person.name if person else m.group("name"), person, m.group("name")))
    for m in _THE_KIN.finditer(text):  # "the poor woman they put on the phone ... she just blurted out"
        mentions.append((m.start(), m.group("who"), None, m.group()))
    for m in _ONE_NAME_SUBJECT.finditer(text):  # "when Madeleine eulogized him": the full name given earlier
        name = m.group("name")
        before = text[max(0, m.start() - 30) : m.start()]
        prev = re.search(r"([A-Z][\w.’'\-]*)\s+$", before)
        if name in _NOT_NAME_WORDS or m.start() in known or (prev and prev.group(1) not in _NOT_NAME_WORDS):
            continue  # a name of several words is taken whole elsewhere
        full = next((f for at, f in reversed(full_names) if at < m.start() and name in (f.split()[0], f.split()[-1])),
                    None)  # fmt: skip
        if full is not None:
            person = speakers.person(full)
            mentions.append((m.start(), person.name if person else full, person, name))
    title = str(context.get("title") or "")
    for regex in (speakers.name_regex(), _TITLED_NAME):
        for m in regex.finditer(title):
            found = m.group("name") if regex is _TITLED_NAME else m.group()
            person = speakers.person(found)
            mentions.append((-1, person.name if person else found, person, m.group()))
    # Names inside a reported clause or a quotation are not antecedents ("Lavrov said that Putin would
    # go. He added ..." is Lavrov's).
    spans = sorted((r.start, r.end) for r in records)
    starts = [a for a, _ in spans]

    def in_content(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and spans[i][0] <= pos < spans[i][1]

    mentions = [h for h in mentions if h[0] < 0 or not in_content(h[0])
                or h[3][:3].lower() == "my "]  # "heard me say: My dad had an expression. He said": the dad
    mentions.sort(key=lambda h: h[0])
    objects = {h[0] for h in mentions if h[0] >= 0 and _OBJECT_BEFORE.search(text, max(0, h[0] - 30), h[0])
               and not _PARTNER_BEFORE.search(text, max(0, h[0] - 120), h[0])}  # fmt: skip
    context = {**context, "text": text, "turn": None, "addressee": None, "full_names": full_names, "objects": objects}
    memory: list[tuple[int, str, Person | None, str]] = []
    out = []
    previous: tuple[int, str, str, str] | None = None  # (end, cue, speaker, speaks_for) of the last direct quote
    last_answer: tuple[str, Person | None] | None = None  # the last turn that was not a reporter's or a moderator's
    last_role = None  # the role of the turn before
    resets = sorted(resets)
    k_mention = k_reset = 0
    for rec in sorted(records, key=lambda r: r.anchor):
        while k_reset < len(resets) and resets[k_reset][0] <= rec.anchor:
            while k_mention < len(mentions) and mentions[k_mention][0] < resets[k_reset][0]:
                if mentions[k_mention][1] is not _OFFICE_REF:
                    memory.append(mentions[k_mention])
                k_mention += 1
            _, who, person, role = resets[k_reset]
            if role == "journalist" or last_role == "journalist":
                # in a question and its answer, the names near the end of the turn before stay antecedents of a
                # "he" ("Q  He did not issue a statement.  But he said that ..." after the answer named him)
                memory[:] = [h for h in memory if h[0] >= resets[k_reset][0] - _TURN_CARRY]
            else:
                memory.clear()
            last_role = role
            previous = None
            last_turn = context["turn"]
            if role == "journalist":  # a reporter's "you" is the official answering
                context["addressee"] = last_answer
            elif last_turn is not None and last_turn[0] != who:  # "As you said, Mr. President": the turn before
                context["addressee"] = last_turn
            else:
                context["addressee"] = None
            if role not in ("journalist", "other") and who != "moderator":  # not reporters, audience, moderator
                last_answer = (who, person)
            context["turn"] = (who, person)
            k_reset += 1
        while k_mention < len(mentions) and mentions[k_mention][0] < rec.anchor:
            hit = mentions[k_mention]
            if hit[1] is _OFFICE_REF:  # "The Governor started his report": the last person holding that office
                hit = next(((hit[0], n, p, u) for _, n, p, u in reversed(memory)
                            if hit[3].lower() in f"{p.position if p else ''} {u}".lower()), None)  # fmt: skip
            if hit is not None:
                memory.append(hit)
            k_mention += 1
        cue = rec.cue
        if rec.subject is None:
            same_para = previous is not None and not _PARAGRAPH.search(text, previous[0], rec.start)
            if same_para and previous is not None:
                cue, name, person = previous[1], previous[2], speakers.person(previous[2])
            elif context.get("turn") is not None and rec.kind == "direct":
                if not cue and text[rec.start : rec.end].rstrip(" ”\"’").endswith("?"):
                    continue  # "“Will the bus get me home on time?”": a question a speaker imagines, nobody's words
                name, person = "", None  # an unintroduced quotation inside a speaker's turn: not the speaker's
            else:
                name, person = (memory[-1][1], memory[-1][2]) if memory else _author(context)
        else:
            context["anchor"] = rec.anchor
            name, person = _who(rec.subject, memory, speakers, context)
            if name:
                memory.append((rec.anchor, name, person, rec.subject))
        if person is None:  # "the FDA announced": the body's full name, when the text spells it out
            name = _acronym_expansion(name, text) or name
        speaks_for = person.speaks_for if person is not None else (
            speakers.body_speaks_for(name, context["source"]) or speakers.target_speaks_for(name))
        out.append((rec.start, rec.end, rec.kind, cue, name, speaks_for))
        if rec.kind == "direct":
            previous = (rec.end, cue, name, speaks_for)
    out.sort()
    trimmed = []
    for start, end, *rest in out:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end, *rest))
    return trimmed


def _acronym_expansion(acronym: str, text: str) -> str | None:
    """The name an acronym stands for when the text spells it out (a run of capitalised words whose initials are
    the acronym: "the Food and Drug Administration (FDA)"), else None.

    >>> _acronym_expansion("FDA", "The Food and Drug Administration approved it. The FDA said so.")
    'Food and Drug Administration'
    >>> _acronym_expansion("EPA", "The agency said so.") is None
    True
    """
    if not re.fullmatch(r"[A-Z]{2,6}", acronym):
        return None
    for m in _CAPITALISED_NAME.finditer(text):
        words = m.group().split()
        if words[0] == "The":
            words = words[1:]
        if len(words) > 1 and "".join(w[0] for w in words if w[0].isupper()) == acronym:
            return " ".join(words)
    return None


#: a run of capitalised words, connectors allowed inside ("Department of Health and Human Services")
_CAPITALISED_NAME = re.compile(r"\b[A-Z][\w\-]*(?:\s+(?:(?:and|of|for|on|the|&)\s+)*[A-Z][\w\-]*)+")


def _kin_name(first: str, noun: str, pos: int, context: dict, resets: list) -> str:
    """"my son Beau" in Joe Biden's turn: Beau Biden (a child, parent or sibling shares the speaker's surname)."""
    if noun.lower() not in _BLOOD_KIN:
        return first
    turn = [r for r in resets if r[0] <= pos]
    person = turn[-1][2] if turn else _author(context)[1]
    return f"{first} {person.surname}" if person is not None else first


def _partner(noun: str, pos: int, speakers: Speakers, context: dict, resets: list) -> tuple[str, Person] | None:
    """"My wife" at ``pos``: the spouse of the turn's speaker (else the document's author) if the lexicon knows it."""
    if noun.lower() not in ("wife", "husband", "spouse"):
        return None
    turn = [r for r in resets if r[0] <= pos]
    person = turn[-1][2] if turn else _author(context)[1]
    partner = speakers.person(person.spouse) if person is not None and person.spouse else None
    return (partner.name, partner) if partner is not None else None


def _office_holder(office: str, speakers: Speakers) -> Person | None:
    """An office as written, speaking for the target every lexicon title ending in it shares.

    "Secretary-General" speaks for the United Nations (the lexicon's "the UN Secretary-General"), whoever
    held it; an office no title ends in, or titles of different targets, give None.
    """
    key = fold(office)
    targets = {p.speaks_for for p in speakers.people for t in p.titles if fold(t).endswith(" " + key)}
    if len(targets) != 1 or not next(iter(targets)):
        return None
    return Person(name=office, speaks_for=next(iter(targets)))


def _plain_name(name: str) -> bool:
    """A capitalised pair or triple that reads as a person's name (no place, body, title or date word)."""
    return not any(w.rstrip(".") in _NOT_NAME_WORDS for w in name.split())


def _author(context: dict) -> tuple[str, Person | None]:
    author = context.get("author")
    return (author.name, author) if author is not None else ("", None)


#: People described by their role in the plural: "Some students", "law enforcement officers", "CEOs of ...".
_ROLE_PLURALS = {"students", "doctors", "nurses", "teachers", "workers", "farmers", "ceos", "executives", "officers",
                 "journalists", "reporters", "veterans", "soldiers", "parents", "families", "residents", "citizens",
                 "voters", "kids", "children", "employees", "owners", "activists", "lawyers", "judges", "governors",
                 "mayors", "senators", "congressmen", "legislators", "lawmakers", "negotiators", "scholars",
                 "historians", "economists", "forecasters", "critics", "consiglieres", "republicans", "democrats",
                 "survivors", "victims", "refugees", "immigrants", "patients", "athletes", "players", "fans",
                 "old-timers", "manufacturers", "retailers", "companies", "businesses", "employers",
                 "agencies", "experts", "scientists", "analysts", "researchers", "epidemiologists"}  # fmt: skip


def _role_group(words: str, last: str) -> str:
    """A group of people named by role ("Some students", "The vast majority of law enforcement officers", "The
    CEOs of major oil companies"): the words without determiner or quantifier, else ""."""
    head = words.lower().split(" of ")[0].split()[-1] if " of " in words.lower() else last
    if head in ("majority", "most", "many", "some", "all", "one", "two", "three", "several", "few", "none"):
        head = last  # "The vast majority of law enforcement officers"
    if head not in _ROLE_PLURALS or words.lower().startswith("both "):
        return ""  # ("Both companies stated that": two named before, jointly)
    return re.sub(r"^(?:(?:the|some|many|most|our|their|my|his|her|several|all|both|two|three|four|five|a|an)\s+)*"
                  r"(?:(?:vast\s+)?majority\s+of\s+|(?:one|two|three|some|many|most|all)\s+of\s+)?"
                  r"(?:(?:the|our|their|those)\s+)?", "", words, flags=re.IGNORECASE)


#: a person named by a role no antecedent holds ("the farmer", "the aide"): someone new, not the last speaker
_NEW_ROLE = re.compile(r"(?:[a-z][\w\-]*\s+){0,2}(?:farmer|worker|nurse|doctor|teacher|student|aide|staffer|"
                       r"officer|soldier|veteran|owner|driver|guy|man|woman|lady|kid|child|boy|girl|reporter|"
                       r"journalist|economist|expert|analyst|scientist|lawyer|activist|survivor|resident|neighbor|"
                       r"neighbour|friend|colleague|priest|pastor|coach|manager|employee|volunteer|firefighter)")
#: two offices jointly: "The President and First Lady", "the President and the Vice President"
_JOINT_OFFICES = re.compile(
    r"(?:[Tt]he\s+)?(?:President|Vice\s+President|First\s+Lady|Second\s+Gentleman)\s+and\s+(?:the\s+)?"
    r"(?:President|Vice\s+President|First\s+Lady|Second\s+Gentleman)"
)
#: a press briefing, gaggle or call (White House titles)
_BRIEFING_TITLE = re.compile(r"\bPress\s+(?:Briefing|Gaggle|Call)\b|\bBriefing\s+by\b")


def _who(subject: str, memory: list, speakers: Speakers, context: dict) -> tuple[str, Person | None]:
    """Resolve the words naming a speaker to ``(name, person)``."""
    words = re.sub(r",?\s+Jr\.$", "", _LEADING_FILLER.sub("", " ".join(subject.split())))  # "Joseph R. Biden, Jr."
    words = re.sub(r"^(?:As|Like)\s+(?=\S)", "", words)  # "As Joe always says": the subject is "Joe"
    contraction = _CONTRACTION.fullmatch(words)
    if contraction:  # "I’ve said", "He’s said"
        words = contraction.group(1)
    lower = words.lower()
    if not words:
        return "", None
    if lower == "you":  # someone addressed by name, or in a transcript whom the turn answers; else nobody
        text = context.get("text", "")
        anchor = context.get("anchor", 0)
        vocative = _VOCATIVE_YOU.search(text, max(0, anchor - 80), anchor)
        addressee = context.get("addressee")
        called = vocative.group("name") if vocative is not None else ""
        if called and not any(w.rstrip(".") in _NOT_VOCATIVE for w in called.split()):
            if addressee is not None and called.split()[-1] in addressee[0].split():
                return addressee[0], addressee[1]  # "Jeff, you said": Jeff Zients, who is answering
            return _who(called, memory, speakers, context)
        return (addressee[0], addressee[1]) if addressee is not None and addressee[0] != "journalist" else ("", None)
    if re.fullmatch(r"[A-Z][a-z]+", words):  # a first name alone
        full = next(((n, p) for _, n, p, _ in reversed(memory) if len(n.split()) > 1 and n.split()[0] == words), None)
        if full is not None:  # "Bob and Elizabeth Dole ... Bob said": the full name given before
            return full
        # "Joe always says" in Jill Biden's speech: her husband
        turn = context.get("turn")
        own = turn[1] if turn is not None else _author(context)[1]
        partner = speakers.person(own.spouse) if own is not None and own.spouse else None
        if partner is not None and partner.name.split()[0] == words:
            return partner.name, partner
    if _JOINT_OFFICES.fullmatch(words):
        return "", None  # "The President and First Lady believe": two people jointly (guide 3)
    if lower in ("we", "us") and _BRIEFING_TITLE.search(str(context.get("title") or "")):
        return "", None  # a spokesperson's "we" with colleagues ("As we’ve said before"): nobody in person (guide 3)
    if lower in ("i", "we", "me", "us"):  # the turn's speaker, else the document's author
        turn = context.get("turn")
        if turn is not None:
            return turn[0], turn[1]
        return _author(context) if lower in ("i", "me") or context.get("author") is not None else ("", None)
    if lower == "they" and memory:
        # "The CEOs of major oil companies have said ... They say ...": a group named by role just before
        pos, name, person, used = memory[-1]
        between = context.get("text", "")[max(pos, 0) : context.get("anchor", 0)]
        if (person is None and _role_group(name, name.lower().split()[-1]) and len(between) < 300
                and len(_CUE.findall(between)) <= 1):
            return name, None  # (not past another report: "The leaders noted that ... They said ...")
        return "", None
    if lower in ("he", "him", "she", "her"):
        # The last person of a compatible gender, preferring a subject over a more recent object nearby
        # ("Vladimir Putin informed Recep Tayyip Erdogan of ... He emphasised": Putin).
        gender = "m" if lower in ("he", "him") else "f"
        objects = context.get("objects", set())
        fallback = None
        turn = context.get("turn")
        for pos, name, person, used in reversed(memory):
            kin = _MY_KIN.search(used) if used[:3].lower() == "my " else None  # "my brother Jimmy": male
            default = _KIN_GENDER.get(kin.group("noun").lower(), gender) if kin else gender
            if name[:1].islower():  # "the poor woman": the noun's gender
                default = _KIN_GENDER.get(name.split()[-1], default)
            if _KIN_GENDER.get(name, default) != gender:
                continue  # "her dad said ... she said": not the dad
            if turn is not None and name == turn[0]:
                continue  # a speaker says "I" of himself: "I said, “...” He said, “...”" is someone else
            if person is None and name.split()[-1].lower() in _ORG_NOUNS:
                continue  # "the Foreign Relations Committee": no "he"
            if person is None and name[:1].islower() and re.search(r"[^s]s$|people$", name):
                continue  # "The reporters said ... He said": a group is never "he"
            titled = _GENDERED_TITLE.search(used) if person is None else None
            if titled is not None and ("f" if titled.group("f") else "m") != gender:
                continue  # "Congressman Higgins ... She said": not him
            if person is None and _FIRST_NAME_GENDER.get(name.split()[0], gender) != gender:
                continue  # "Carole King ... he said": not her
            if person is None or person.gender in ("", gender):
                if fallback is None:
                    fallback = (pos, name, person)
                if pos not in objects:
                    if fallback[0] - pos > _SUBJECT_REACH:
                        break
                    return name, person
        return (fallback[1], fallback[2]) if fallback is not None else ("", None)
    last = lower.split()[-1]
    if re.fullmatch(r"(?:the|his|her|these|both)\s+(?:\w+\s+)?(?:messages|telegrams|greetings)", lower):
        person = speakers.source_label(context.get("source"), "THE PRESIDENT")  # "the messages say"
        if person is not None:
            return person.name, person
    plural = last.endswith("s") and (
        re.fullmatch(_PERSON_NOUNS, last[:-1]) is not None or (last.endswith("ies") and last not in _ORG_NOUNS)
        or (re.fullmatch(_KIN_NOUNS, last[:-1]) is not None and last != "boss" and " of " not in lower
            and not lower.startswith("you "))  # "my colleagues", "kids"; not "you guys", "the Corps of Engineers"
    )
    if re.fullmatch(_BARE_GROUP, words[:1].lower() + words[1:]):
        return words, None  # "according to leading economists": a kind of source, named as written
    kin_group = re.fullmatch(
        rf"(?:(?:my|our|the|their|his|her|some)\s+)?((?:[\w\-]+\s+){{0,2}}?(?:{_KIN_NOUNS})s)", lower
    )
    if kin_group is not None and last != "boss" and not lower.startswith("you "):
        # "our European colleagues", "Some students told us": a group named by role keeps its words (guide 3)
        return words[len(words) - len(kin_group.group(1)) :], None
    role_group = _role_group(words, last)
    if role_group:
        return role_group, None  # "Some students told us", "The CEOs of major oil companies": the words (guide 3)
    if re.match(r"(?:both|all|many|several|some|most|two|three|four|five|six|ten|dozens|hundreds|\d[\d,]*|"
                r"a\s+(?:number|couple|group|handful)\s+of)\s", lower):
        return "", None  # "Both companies", "Two officials": several people jointly
    head = lower.split(" of ")[0].split()[-1]  # "the Council of Economic Advisers": a council
    if head in _ORG_NOUNS and head != last:
        plural = False
    holder = re.fullmatch(r"(?:[Tt]he\s+)?((?:[A-Z][\w\-]*\s+)+)(?:report|study|survey|analysis|data|estimates?)",
                          words)  # fmt: skip
    if holder is not None and holder.group(1).split()[0] in ("One", "Another", "A", "An", "This", "That", "Each",
                                                             "The"):  # ("The report": no holder in the words)
        holder = None  # "One study found": no holder named
    if holder is not None and not _TITLE_CASE_TEXT.search(holder.group(1)):
        return _who(holder.group(1).strip(), memory, speakers, context)
    titled_text = any(w in _TEXT_NOUNS for w in lower.split()) and not re.search(r"\s(?:from|by)\s", lower)
    the_text = re.fullmatch(r"(?:the|this|that|a|an)\s+(?:new\s+)?(report|study|survey|analysis|review|assessment|"
                            r"statement|letter)", lower)
    if the_text is not None:  # "The Department of Defense released a new report today ... The report finds that":
        text = context.get("text", "")  # the body that released it, named before
        anchor = context.get("anchor", 0)
        issued = None
        for issued in _ISSUED_TEXT.finditer(text, max(0, anchor - 2000), anchor + len(words) + 1):
            pass
        indefinite = lower.startswith(("a ", "an "))  # "released a statement saying": that very statement only
        if (issued is not None and issued.group("noun").lower() == the_text.group(1)
                and (not indefinite or anchor - issued.end() < 40)):
            return _who(issued.group("holder"), memory, speakers, context)
    if lower in _NOT_SPEAKERS or last in _GROUP_NOUNS or plural or last in _TEXT_NOUNS or titled_text:
        return "", None  # groups, and texts nobody is named for ("the Trustees report says")
    person = speakers.source_label(context.get("source"), words) or speakers.by_title(words, context.get("date"))
    if person is not None:
        return person.name, person
    sender = re.search(r"\s(?:from|of)\s+(.+)$", words)
    if sender and re.search(
        r"(?i)\b(?:message|letter|telegram|greeting|address|statement|analysis|data|estimates|figures|research|"
        r"statistics|report|study|survey|projections)\b",
        words[: sender.start()],
    ):
        return _who(sender.group(1), memory, speakers, context)  # "the message from the President of Russia"
    if re.search(r"(?i)\b(?:message|telegram|greetings?)$", words):  # Kremlin greetings are the president's
        person = speakers.source_label(context.get("source"), "THE PRESIDENT")
        if person is not None:
            return person.name, person
    owner = re.match(r"(my|our|his|her|their)\s", lower)
    if owner and (last in _OWN_BODIES or _MESSAGE_NOUN.search(lower)):  # "his administration", "her message"
        pronoun = {"my": "i", "our": "we", "his": "he", "her": "she", "their": "they"}[owner.group(1)]
        return _who(pronoun, memory, speakers, context)
    spouse = re.fullmatch(r"(my|his|her)\s+(?:(?:dear|beloved)\s+)?(?:wife|husband|spouse)", lower)
    if spouse is not None:  # "my wife" in Joe Biden's speech: Jill Biden, when the lexicon knows the couple
        name, person = _who({"my": "I", "his": "he", "her": "she"}[spouse.group(1)], memory, speakers, context)
        partner = speakers.person(person.spouse) if person is not None and person.spouse else None
        if partner is not None:
            return partner.name, partner
    kin = re.fullmatch(rf"(?:my|our|his|her|their|the|a|an)\s+(?:(?:little|young|old|late|dear|beloved|elder|"
                       rf"older|younger)\s+)?(?P<noun>{_KIN_NOUNS})", lower)
    named_kin = next(((n, p) for _, n, p, u in reversed(memory[-3:]) if kin is not None and lower.startswith("my ")
                      and u.lower() == lower and n != kin["noun"]), None)  # fmt: skip
    if named_kin is not None:  # "My son, Hunter, said": the name the relation was given
        return named_kin
    if kin is not None and not any(kin["noun"] in u.lower() and n != kin["noun"] for _, n, _, u in memory[-3:]):
        # "the little girl said", "My dad used to say": a person of the speaker's story, named as written
        return re.sub(r"^(?:my|our|his|her|their|the|a|an)\s+", "", words, flags=re.IGNORECASE), None
    if owner and owner.group(1) in ("their", "his", "her"):  # "Their defense minister said": someone else, not
        return words.split(None, 1)[1], None  # named, called by the office as written (guide 3, thirteenth batch)
    if last in _ORG_NOUNS or head in _ORG_NOUNS or (last == "house" and lower.endswith("white house")):
        name = re.sub(r"^(?:[Tt]he|[Tt]heir|[Ii]ts|[Mm]y|[Oo]ur|[Hh]is|[Hh]er|[Yy]our)\s+", "", words)
        return name, speakers.person(name)
    if words.endswith(("'s", "’s")) or lower in _FUNCTION_WORDS:
        person = speakers.person(words[:-2])
        if (person is None and re.fullmatch(r"[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?['’]s", words)
                and not speakers.target_speaks_for(words[:-2])):  # ("Russia’s claimed commitment": a state's noun)
            return words, None  # "Moody’s said": a company named with a possessive, never a bare possessive subject
        return (person.name, person) if person is not None else ("", None)
    if lower.startswith(("a ", "an ")) and re.search(rf"(?i)\b(?:{_PERSON_NOUNS}|{_KIN_NOUNS})s?$", lower):
        office = words.split(None, 1)[1]  # "A senior administration official": somebody new, never an antecedent
        return office, speakers.person(office)
    if re.match(r"(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}?[\w\-]+['’]s\s+[\w\-]+", lower):
        # "the First Son’s attorney", "the senator’s spokesman": someone new, described by another person
        return re.sub(r"^(?:the|a|an)\s+", "", words, flags=re.IGNORECASE), None
    if words[:1].islower() or lower.startswith(("the ", "his ", "her ", "a ", "an ")):
        noun = lower.split()[-1]
        for _, name, person, used in reversed(memory):
            office = f"{person.position if person else ''} {' '.join(person.titles) if person else ''} {used}"
            if noun in office.lower():
                return name, person
        office = re.sub(r"^(?:the|his|her|a|an)\s+", "", words, flags=re.IGNORECASE)
        proper = all(w[:1].isupper() or w in _LABEL_CONNECTORS for w in office.split())
        if office[:1].isupper() and (proper or re.search(rf"(?i)\b(?:{_PERSON_NOUNS})$", noun)):
            person = speakers.person(office) or _office_holder(office, speakers)
            return office, person  # "the Secretary-General", "the Pacific Islands Forum": as written
        if re.fullmatch(rf"(?i)(?:{_PERSON_NOUNS})\s+of\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*", office):
            return office, None  # "the leader of Finland": an office of a named place, as written
        if _NEW_ROLE.fullmatch(office):  # "the farmer said", "an aide said": someone new, named by role as written
            return office, None
        return (memory[-1][1], memory[-1][2]) if memory else _author(context)
    person = speakers.person(words)
    if person is not None:
        return person.name, person
    if re.fullmatch(rf"(?:{_TITLE_WORDS}\s+)*{_TITLE_WORDS}", words) and words[:1].isupper():
        return _who("the " + words, memory, speakers, context)  # "Prime Minister complimented": an office
    name = re.sub(rf"^(?:{_TITLE_WORDS}\s+)+", "", words) or words
    if " " not in name:  # "Jake said": the full name given earlier ("Jake Sullivan"), first name or surname
        for _, full in reversed([f for f in context.get("full_names", ()) if f[0] < context.get("anchor", 0)]):
            parts = full.split()
            if name in (parts[0], parts[-1]):
                person = speakers.person(full)
                return (person.name, person) if person is not None else (full, None)
    return name, None
