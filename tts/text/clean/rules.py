"""The table of line rules: page chrome recognisable from one line alone.

Each rule has a name (shown in `Article.dropped` and `script --explain`), a pattern matched
against the whole stripped line, a word limit (so a rule about short widgets can never eat a
story sentence that happens to contain the same words) and a comment saying why it exists.
Rules that need context (captions printed twice, a page title repeating the headline, pull
quotes, the story region, bios at the end) live in `clean.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tts.text.clean.station import is_station_identity
from tts.text.metadata import find_date

# "9:02 AM", "18.54 GMT", "07:47 PM EST": a clock time in a stamp.
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b|gmt\b|utc\b|[a-z]{1,2}[sd]t\b)", re.I)


@dataclass(frozen=True)
class LineRule:
    name: str
    pattern: re.Pattern[str] | None
    why: str
    max_words: int = 12  # the rule applies only to lines with at most this many words
    test: Callable[[str], bool] | None = None  # for shapes a regex would say badly

    def matches(self, line: str, words: int) -> bool:
        if words > self.max_words:
            return False
        if self.test is not None:
            return self.test(line)
        return self.pattern is not None and bool(self.pattern.search(line))


def _rule(
    name: str, pattern: str, why: str, max_words: int = 12, *, ignore_case: bool = True
) -> LineRule:
    flags = re.IGNORECASE if ignore_case else 0
    return LineRule(name, re.compile(pattern, flags), why, max_words)


# Single words and short phrases that are buttons or menu entries when they fill a line.
# Compared after lower-casing and dropping punctuation, so "Share:" and "SHARE" match too.
NAVIGATION_LINES = frozenset(
    " ".join(entry.split())
    for entry in re.split(
        r"\|",
        """
    share|share this|share this article|share this story|share on facebook|share on twitter
    |tweet|email|e-mail|print|facebook|twitter|linkedin|reddit|pinterest|whatsapp|flipboard
    |instagram|youtube|rss|copy link|link copied|copy|save|save article|bookmark|comments
    |comment|menu|search|sign in|log in|login|logout|log out|sign up|register|subscribe
    |subscribe now|skip to content|skip to main content|skip to navigation|skip to site index
    |advertisement|advertising|ad|sponsored|sponsored content|actions|close|open|next|previous
    |prev|back|back to top|top|home|more|see more|show more|load more|view more|expand|collapse
    |font size|text size|listen|listen now|listen live|watch|watch now|watch live|live
    |live tv|video|videos|photos|photo|gallery|view gallery|play|pause|mute|unmute|replay
    |enlarge this image|hide caption|toggle caption|caption|full screen|fullscreen|embed
    |menu sections|sections|topics|tags|related|trending|trending now|popular|most popular
    |most read|most viewed|top stories|latest|latest news|breaking|breaking news|news|local
    |newsletter|newsletters|cancel|submit|send|reply|report|ok|accept|continue|learn more
    |read more|read next|up next|next up|now playing|on air|on air now|all streams|donate
    |donate now|give now|support us|contribute|shop|store|contact|contact us|about us|about
    |privacy|privacy policy|terms|terms of use|terms of service|cookie policy|cookies|sitemap
    |site map|advertise|careers|jobs|feedback|help|faq|weather|traffic|sports|opinion
    |view all|see all|show all|advert|adverts|this slideshow requires javascript
    """,
    )
)

LINE_RULES: tuple[LineRule, ...] = (
    # Audio-player widgets on public-radio pages: a listener hears "Play Live Radio, Next Up".
    _rule(
        "audio-player",
        r"^(play live radio|next up:?|available on air stations|on air now playing.*"
        r"|listen (live|now)( · .*)?|listen · [\d:]+|all streams)$",
        "player buttons and labels of a site's live stream",
    ),
    # "0:00 0:00": the player's elapsed/total time; espeak reads it "zero zero zero".
    _rule("time-code", r"^(\d{1,2}:\d{2}(:\d{2})?\s*/?\s*)+$", "audio or video player time codes"),
    # "Arizona Public Radio | Your Source for NPR News", "88.5 FM | 91.7 FM": station identity.
    _rule(
        "station-tagline",
        r"(your source for .*news|^(\d{2,3}\.\d\s*(fm|am)?\s*[|,/·•-]?\s*)+$"
        r"|^(\d{2,3}\.\d\s*)?(fm|am)?\s*(npr|pbs) (news )?(station|member station)$)",
        "a station's slogan or its list of frequencies",
        max_words=14,
    ),
    # "90.1 Springfield 88.3 Dover 91.7 Milton", "KXYZ 89.9": where the station is heard.
    # Such a list can run to any length, so the limit is only there to bound the work.
    LineRule(
        "station-identity",
        None,
        "a broadcaster's frequencies and call letters",
        max_words=200,
        test=is_station_identity,
    ),
    # "Example Media Group National Content Desk", "By the Metro News Desk": the syndication
    # desk that filed a story, printed where a byline would be; never the headline.
    _rule(
        "desk-line",
        r"^([Bb]y\s+)?(the\s+)?([A-Z0-9&][\w&.'’-]*\s+){0,8}(Content|News|Web|Digital|Copy|Metro|City"
        r"|National|State|Sports|Wire|Entertainment|Business|Editorial|Night|Weekend|Staff"
        r"|Graphics)\s+(Desk|Team|Staff)\.?$",
        "the desk or team that filed the story",
        ignore_case=False,
    ),
    # "Hi! I'm Dana, your morning host ... Full Bio": a host's or DJ's profile card.
    _rule(
        "host-profile",
        r"(\bfull bio|\bread (full |more of )?(my |the |his |her )?bio)\s*[.…>»]*$",
        "a station host's profile card",
        max_words=120,
    ),
    # "Become a sustaining member", "Support independent journalism", "Donate today".
    _rule(
        "pledge-prompt",
        r"^(become a (sustaining |monthly )?(member|supporter|donor|subscriber)"
        r"|(make a|give a) (gift|donation|pledge)|donate\b|support (independent|local|public"
        r"|quality|our) (journalism|radio|news|reporting|newsroom)"
        r"|support (us|\w+ news) (today|now)"
        r"|pledge (now|today)|give (now|today)|your (gift|donation|support) (makes|helps|keeps))",
        "donation and membership prompts, not part of any story",
        max_words=25,
    ),
    # "Sign up for our newsletter", "Get the morning briefing in your inbox".
    _rule(
        "newsletter-prompt",
        r"^(sign up|subscribe|get|join|receive)\b.*\b(newsletters?|inbox|briefing"
        r"|daily digest|email alerts?|news alerts?)\b"
        r"|^(already a subscriber|thanks for (signing up|subscribing))"
        r"|\b(newsletters?|inbox|unsubscribe|opt-in|subscription|signing up)\b.*\b(you|your|our"
        r"|us|me)\b|\b(you|your|our|us|me)\b.*\b(newsletters?|inbox|unsubscribe|opt-in)\b"
        r"|^(sign up|subscribe)( now| today| here)?\s*[:!.]|^subscribe to\b"
        r"|^(e-?mail|zip code|first name|last name)( address)?\s*(\(required\)|\*)?$",
        "newsletter sign-up boxes",
        max_words=25,
    ),
    # "Credit Ryan Heinsius", "Photo: Damian Dovarganes, AP", "Image Credit: WeWork".
    _rule(
        "photo-credit",
        r"^(?!.*[.!?\"”]$)((image|photo|photograph|picture|video|graphic|illustration)s?\s*"
        r"((credit|by|courtesy)\s*(:|\.{1,3}|-|–)?|:)|(credits?|courtesy( of)?)\s*(:|\.{1,3}|-|–)?)"
        r"\s*\S.*$",
        "the photographer or agency behind a picture, printed beside it",
        max_words=10,
    ),
    # "Doug Mills/The New York Times", "Jane Roe | Example Wire": a photographer and the
    # outlet or agency, joined by a slash or a bar, on a line of their own.
    _rule(
        "agency-credit",
        r"^[A-Z][\w'’.-]*(\s+[A-Z][\w'’.-]*){1,3}\s*(/|\|)\s*(the\s+)?[A-Z][\w'’.&-]*"
        r"(\s+[A-Z&][\w'’.&-]*){0,4}(\s*(/|\|)\s*(the\s+)?[A-Z][\w'’.&-]*(\s+[A-Z&][\w'’.&-]*){0,4})?$",
        "a photographer and agency credit",
        max_words=12,
        ignore_case=False,
    ),
    # "Getty Images", "Xinhua /Landov", "AP Photo/Evan Vucci": agency credits on their own line.
    _rule(
        "agency-credit",
        r"^([\w .'’-]{0,40}(/|\||\s)\s*){0,3}(getty( images)?|ap( photo)?|afp|reuters|epa|landov"
        r"|xinhua|shutterstock|istock(photo)?|bloomberg|nurphoto|sipa|zuma( press)?|alamy|corbis"
        r"|the associated press|associated press|via getty images)"
        r"(\s*(/|\||via)\s*[\w .'’-]{0,40})?$",
        "a picture agency's credit line",
        max_words=8,
    ),
    # "A firefighter at the scene on Tuesday. (AP Photo/Jane Roe)", "... (Image: GETTY)",
    # "... REUTERS/Jane Roe", "... Credit... Jane Roe/Example Times": a line that ends with a
    # picture credit is the picture's caption, whatever it says.
    _rule(
        "caption-with-credit",
        r"(\((ap|afp|reuters|epa|getty)\s*(photo|images?|pool)?\s*/[^()]{1,60}\)"
        r"|\((image|photo|picture|photograph|credit)s?( credit)?\s*:[^()]{1,60}\)"
        r"|\bcredit\s*(:|\.{2,}|…)\s*\S[^.!?]{0,80}"
        r"|\b(reuters|afp|epa|ap photo)\s*/\s*[A-Z][^.!?]{0,60}"
        r"|©\s*[A-Z][^.!?©]{0,60}|\[[^\[\]]{0,40}\bvia\b[^\[\]]{0,40}\]"
        r"|\(\s*(ap|afp|reuters|epa|getty images|ap photo)\s*\)"
        r"|\(\s*(?-i:[A-Z][A-Z .'’-]{1,40})\s*/[^()]{1,60}\))\s*$",
        "a photo caption: it ends with the picture's credit",
        max_words=80,
    ),
    # "Image caption Crews clear the road", "Above: ...", "2 of 4 A shopper looks at ...":
    # a caption announced by its label or its place in a slideshow.
    _rule(
        "caption-label",
        r"^(image|media|photo|video) caption\s*:?\s+\S|^(above|pictured|top photo|main image"
        r"|file photo)\s*:\s*\S|^\d+ of \d+\s+\S",
        "a photo caption with its label",
        max_words=80,
    ),
    # "Crews clear the road. The work will take a week. less", "Crews clear the road ... more":
    # a caption with the button that folds or unfolds it, printed in both states.
    _rule(
        "caption-toggle",
        r"([.!?][\"”’)]?\s+less|(\.\.\.|…)\s*more)$",
        "a folding caption and its more/less button",
        max_words=80,
    ),
    # "In this May 4, 2020, file photo, a volunteer ...", "FILE - In this undated photo ...":
    # the way agency captions open.
    _rule(
        "caption-label",
        r"^(file( photo)?\s*[-:–—]\s*)?in this ([\w.,]+\s+){0,4}(file |undated |handout "
        r"|provided |aerial )*(photo|image|picture|photograph|frame grab|video)\b",
        "an agency photo caption",
        max_words=80,
    ),
    # "Associated Press May 4, 2020, 9:02 AM", "Mon 4 May 2020 18.54 GMT Last modified ...":
    # a line that holds a date and a time and is not a sentence is a stamp.
    LineRule(
        "date-line",
        None,
        "a date-and-time stamp with a source or an update note",
        max_words=20,
        test=lambda line: bool(_TIME.search(line)) and _is_stamp(line),
    ),
    # "Image 1 of 5", "1 / 23", "Back to Gallery": slideshow counters and controls.
    _rule(
        "gallery-counter",
        r"^((image|photo|slide|picture)\s*\d+\s*(of|/)\s*/?\s*\d+|\d+\s*(/|of)\s*\d+"
        r"|back to gallery|(view|open|launch|see) (the )?(full )?(photo )?gallery.*"
        r"|\d+ (photos|images|pictures))$",
        "photo gallery counters and buttons",
    ),
    # "close video ad", "Unmutetoggle ad audio on off", "Watch: ...": video-player controls.
    _rule(
        "video-player",
        r"(\bvideo ad\b|\bad audio\b|unmute|^autoplay|^(play|watch|replay) (the )?video$"
        r"|^video (player|loading|will play)|^now playing$|^watch (live|now|more)\b)",
        "video-player controls and ad labels",
        max_words=8,
    ),
    # "Posted at 5:05 PM, Oct 30, 2016", "and last updated 2016-10-30 17:05:27-04",
    # "Published: Tuesday, November 19, 2019": the date goes to Article.published instead.
    _rule(
        "date-line",
        r"^(?!.*\.$)(and )?(last |first )?(posted|published|updated|modified|created"
        r"|originally published)(\s+(on|at))?\s*:?\s*.*(\d{1,2}:\d\d|\d{4}|\bago\b)",
        "publication and update stamps",
        max_words=14,
    ),
    # A line that is only a date and time, "November 20, 2019" or "Nov. 19, 2019 11:03 PM".
    _rule(
        "date-line",
        r"^((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?((jan|feb|mar|apr|may|jun|jul|aug"
        r"|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+(jan|feb|mar"
        r"|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d\d-\d\d)"
        r"([\s,|·•-]*(at\s+)?\d{1,2}[:.]\d\d(\s*[ap]\.?m\.?)?(\s+[a-z]{2,4})?)?$",
        "a bare date line",
    ),
    # "Updated 1:39 am EST" or "5 hours ago": relative and time-only stamps.
    _rule(
        "date-line",
        r"^(updated|posted|published)?\s*(\d+\s+(second|minute|hour|day|week|month|year)s?\s+ago"
        r"(\s+at\s+\d{1,2}:\d\d\s*([ap]\.?m\.?)?)?|\d{1,2}:\d\d\s*[ap]\.?m\.?(\s+[a-z]{2,4})?)$",
        "a relative or time-only stamp",
    ),
    # "5 min read", "3 minute listen": reading-time badges.
    _rule("reading-time", r"^\d+\s*(min|mins|minute|minutes)\.?\s*(read|listen|watch)$", "badges"),
    # "Copyright 2020 NPR. To see more, visit https://www.npr.org.", "© 2024 Kansas City Public
    # Radio", "All rights reserved": legal footers (a story never ends with its own copyright).
    _rule(
        "copyright",
        r"^((©|\(c\)|copyright)\s*(©\s*)?\d{4}|.*\ball rights reserved\b|.*to see more, visit\b"
        r"|copyright ©|.*\bis subject to copyright\b)",
        "copyright footers and notices",
        max_words=30,
    ),
    # "Ann Lee contributed reporting from Paris.", "Associated Press writers Tom Park and Ann
    # Lee contributed to this report.": who else worked on the story, not the story.
    _rule(
        "contributor-note",
        r"\bcontributed (reporting|to this (report|story|article)|research|additional reporting)"
        r"\b[^.!?]{0,60}\.?$",
        "the note naming who contributed to the story",
        max_words=40,
    ),
    # "Citation: Title (2019, November 18) retrieved ...", "Please enable JavaScript to view".
    _rule(
        "page-notice",
        r"^citation:|\b(please )?(enable|requires?|turn on) javascript\b",
        "notices about the page itself",
        max_words=40,
    ),
    # "Powered by Frankly", "Site by ...": the vendor of the page's software.
    _rule("platform-credit", r"^(powered|designed|built|hosted) by \S", "the site's vendor", 6),
    # "Read more at the Washington Post.", "Continue reading the main story".
    _rule(
        "read-more",
        r"^[^\w(]{0,4}\s*(read more|read the (full|original|rest|whole)|continue reading"
        r"|keep reading|click here|see more|read it (at|on)|see the full|read full (story|article)"
        r"|read next|read also|also read|more from|watch more)\b.*$",
        "links that send the reader elsewhere",
        max_words=10,
    ),
    # "Read more: Council approves a budget after a long debate", "SEE MORE: ...", "Also on
    # example.com ...": a prompt and the headline it links to.
    _rule(
        "read-more",
        r"^[^\w(]{0,4}\s*((read|see|watch) more|also read|read also|also|more|related|watch)\s*:"
        r"|^also on [\w-]+\.(com|org|net|co\.uk|tv)\b",
        "a link to another story",
        max_words=30,
    ),
    # "Council votes on the budget [VIDEO]", "Storm hits the coast [PICTURES]": a link to
    # another story, tagged with what it holds.
    _rule(
        "read-more",
        r"\[(video|videos|insight|reaction|pictures?|photos?|gallery|analysis|latest|poll|live"
        r"|revealed|comment|opinion|explained|update)\]\W{0,3}$",
        "a tagged link to another story",
        max_words=30,
    ),
    # "Like this story? Share it with a friend!", "Have a tip? ...", "Tell us what YOU think":
    # the page talking to its reader.
    _rule(
        "reader-prompt",
        r"^((did you )?(like|enjoy|love)d? (this|the) (story|article|post|video)\b|want more\b"
        r"|(have|got) a (news )?tip\b|tell us what you think|share your thoughts"
        r"|what do you think\??$|we('d| would) like to hear what you think)",
        "prompts addressed to the reader",
        max_words=30,
    ),
    # "Sometimes we include links to online retail stores ... we may receive a commission":
    # affiliate disclosures.
    _rule(
        "disclosure",
        r"\b(we|us|our|[A-Z]\w+) (may|might|could|will)? ?(earn|get|receive|make)s? (a |an )?"
        r"(small )?(share of (the )?sales?|commission|affiliate)|\baffiliate (links?|commission)"
        r"|^\W?(these statements have not been evaluated|the information (provided )?on this "
        r"(web)?site\b|this (article|content|website) is for informational purposes)",
        "affiliate-link disclosures",
        max_words=45,
    ),
    # "(Reporting by Jane Roe; Editing by Tom Park)": the wire service's production credits.
    _rule(
        "reporting-credit",
        r"^\(?((additional )?reporting|writing|editing|compiled|produced) by (?-i:[A-Z])[^.!?]*"
        r"(;|\band\b|editing by|\)\.?$|$)",
        "a wire story's reporting and editing credits",
        max_words=45,
    ),
    # "Opinion Columnist", "Staff Writer": a job title where a byline would be.
    _rule(
        "author-role",
        r"^(?!The )([A-Z][\w.&'’-]*\s+){0,3}(Columnist|Correspondent|Reporter|Writer|Contributor"
        r"|Editor|Producer|Anchor|Meteorologist)$",
        "a journalist's job title printed under a byline",
        max_words=5,
        ignore_case=False,
    ),
    # "NPR : News", "Home > Politics > Congress": breadcrumbs, spaced separators between labels.
    _rule(
        "breadcrumb",
        r"^[^.!?:]{1,40}(\s(:|>|»|›|/)\s[^.!?:]{1,40})+$",
        "breadcrumb trails naming the site's sections",
        max_words=8,
    ),
    # "Filed Under:", "Tags: Politics, Congress", "Topics conceptEV LA Auto Show".
    _rule(
        "tag-list",
        r"^(filed under|tags?|tagged( with)?|topics|related tags|related topics|categories"
        r"|keywords)\b\s*:?[^.!?]*$|^\[?(more on|more about|see also|also read|read also"
        r"|related( \w+)?)\s*:\s*.*$",
        "tag and category lists",
        max_words=14,
    ),
    # "Related Content", "More Stories", "You May Also Like": headings of teaser lists.
    _rule(
        "related-heading",
        r"^(related|related (content|stories|story|articles?|coverage|links|posts|news|videos?)"
        r"|more (stories|news|headlines|articles|videos?|from [\w .&'’-]+|on this( story| topic)?)"
        r"|you (may|might) (also )?(like|enjoy|be interested in)|recommended( for you| stories)?"
        r"|(most|top) (popular|read|viewed|shared|emailed)( stories| articles| now)?"
        r"|(don'?t|do not) miss|trending( now| stories)?|editor'?s'? picks?|what to read next"
        r"|around the web|from around the web|elsewhere on .*|promoted stories|sponsored stories"
        r"|other stories|latest (stories|news|headlines|videos?)|top stories|in case you missed it"
        r"|(next up|more|latest|popular) in [\w &,'’-]{1,40})"
        r"\s*:?$",
        "headings of related-story and teaser lists",
    ),
    # "Comments", "34 responses to “Headline”", "Leave a comment": comment sections.
    _rule(
        "comments",
        r"^[\[(]?\s*(\d+\s+)?((top|most|highest)[ -]rated|most (recent|popular|liked)|newest"
        r"|oldest|reader|recent|latest)?\s*(comments?|responses?|replies|thoughts|reactions)"
        r"(\s*\(\d+\))?(\s+(to|on)\s+.*)?\s*[\])]?$"
        r"|^[\[(]?\s*(leave|post|add|write|view|show|hide|read|load|join|see)"
        r"( a| the| your| all| \d+)? (comments?|replies|reply|discussion|conversation)\b.*$"
        r"|^(comments are closed|be the first to comment|permalink\b.*comments)",
        "comment sections and their controls",
        max_words=20,
    ),
    # "Rating: 36 Votes", "12 likes": the score readers gave a comment.
    _rule(
        "comment-votes",
        r"^(rating|score|votes?|likes?|points?|upvotes?)\s*:?\s*[+-]?\d+(\s+(votes?|likes?|points?))?$"
        r"|^[+-]?\d+\s+(votes?|likes?|upvotes?|points?)$",
        "a reader comment's votes",
    ),
    # "1. thelastchargersfan says:", "Jane Doe said:": a commenter's name above a comment.
    _rule(
        "comment-author",
        r"^(\d+\.\s*)?[\w.@'’()-]+(\s+[\w.@'’()-]+){0,3}\s+(on\s+[\w ,.]{4,40}?(\d{1,2}:\d\d"
        r"\s*([ap]\.?m\.?)?|\d{4})\s+)?(says|said|wrote|writes|replied)\s*:$",
        "the name line above each reader comment",
        max_words=14,
    ),
    # "Click to share on Facebook (Opens in new window)", "Share on WhatsApp".
    _rule(
        "share-button",
        r"^(click (here )?to )?(share|e-?mail|print|tweet|pin|post|send)\b.*\b(facebook|twitter"
        r"|e-?mail|print|linkedin|reddit|pinterest|whatsapp|messenger|friend|new window|flipboard)"
        r"\b[^.!?]*$",
        "share and print buttons",
    ),
    # A line holding only an e-mail address or a URL: contact details, never story text.
    _rule(
        "contact-address",
        r"^(e-?mail:?\s*)?(\S+@\S+\.\w+|https?://\S+|www\.\S+)$",
        "bare e-mail addresses and links",
        max_words=4,
    ),
    # "Follow us on Twitter", "Follow @handle", "Like us on Facebook".
    _rule(
        "social-prompt",
        r"^((follow|like|find|join) (us|him|her|them|me|@\w+)( on [\w ]+)?|@\w+)\b.*$",
        "social-media prompts",
        max_words=12,
    ),
    # "Email Ana Lima at alima@example.com or follow her @analima", "Join our forums ...".
    _rule(
        "social-prompt",
        r"^(e-?mail|contact|reach|write to) (\w+ ){0,3}at \S+@\S+|^(join|follow|like|visit) our\b",
        "prompts to write to the author or join the site",
        max_words=40,
    ),
    # "Follow The Example Times Opinion section on Facebook, Twitter and Instagram."
    _rule(
        "social-prompt",
        r"^(follow|like|find|join|connect with)\b.{0,80}\bon (facebook|twitter|instagram"
        r"|linkedin|youtube|tiktok)\b",
        "social-media prompts",
        max_words=25,
    ),
)


def _is_stamp(line: str) -> bool:
    return line.rstrip()[-1:] not in '.!?"”' and find_date(line) is not None


def navigation_key(line: str) -> str:
    """The form a line is compared in against NAVIGATION_LINES: lower case, letters only."""
    return " ".join(re.sub(r"[^\w\s'-]", " ", line.lower()).split())
