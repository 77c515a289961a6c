"""Line rules for the page's furniture: players, station identity, desk lines, host cards,
pledge and newsletter boxes, photo credits and captions, stamps, galleries and video widgets.
"""

from __future__ import annotations

import re

from tts.text.clean.line_rule import LineRule, rule
from tts.text.clean.station import is_station_identity
from tts.text.metadata import find_date

# "9:02 AM", "18.54 GMT", "07:47 PM EST": a clock time in a stamp.
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\b|gmt\b|utc\b|[a-z]{1,2}[sd]t\b)", re.I)


def _is_stamp(line: str) -> bool:
    return line.rstrip()[-1:] not in '.!?"”' and find_date(line) is not None


FURNITURE_RULES: tuple[LineRule, ...] = (
    # Audio-player widgets on public-radio pages: a listener hears "Play Live Radio, Next Up".
    rule(
        "audio-player",
        r"^(play live radio|next up:?|available on air stations|on air now playing.*"
        r"|listen (live|now)( · .*)?|listen · [\d:]+|all streams)$",
        "player buttons and labels of a site's live stream",
    ),
    # "0:00 0:00": the player's elapsed/total time; espeak reads it "zero zero zero".
    rule("time-code", r"^(\d{1,2}:\d{2}(:\d{2})?\s*/?\s*)+$", "audio or video player time codes"),
    # "Arizona Public Radio | Your Source for NPR News", "88.5 FM | 91.7 FM": station identity.
    rule(
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
    rule(
        "desk-line",
        r"^([Bb]y\s+)?(the\s+)?([A-Z0-9&][\w&.'’-]*\s+){0,8}(Content|News|Web|Digital|Copy|Metro|City"
        r"|National|State|Sports|Wire|Entertainment|Business|Editorial|Night|Weekend|Staff"
        r"|Graphics)\s+(Desk|Team|Staff)\.?$",
        "the desk or team that filed the story",
        ignore_case=False,
    ),
    # "Hi! I'm Dana, your morning host ... Full Bio": a host's or DJ's profile card.
    rule(
        "host-profile",
        r"(\bfull bio|\bread (full |more of )?(my |the |his |her )?bio)\s*[.…>»]*$",
        "a station host's profile card",
        max_words=120,
    ),
    # "Become a sustaining member", "Support independent journalism", "Donate today".
    rule(
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
    rule(
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
    rule(
        "photo-credit",
        r"^(?!.*[.!?\"”]$)((image|photo|photograph|picture|video|graphic|illustration)s?\s*"
        r"((credit|by|courtesy)\s*(:|\.{1,3}|-|–)?|:)|(credits?|courtesy( of)?)\s*(:|\.{1,3}|-|–)?)"
        r"\s*\S.*$",
        "the photographer or agency behind a picture, printed beside it",
        max_words=10,
    ),
    # "Doug Mills/The New York Times", "Jane Roe | Example Wire": a photographer and the
    # outlet or agency, joined by a slash or a bar, on a line of their own.
    rule(
        "agency-credit",
        r"^[A-Z][\w'’.-]*(\s+[A-Z][\w'’.-]*){1,3}\s*(/|\|)\s*(the\s+)?[A-Z][\w'’.&-]*"
        r"(\s+[A-Z&][\w'’.&-]*){0,4}(\s*(/|\|)\s*(the\s+)?[A-Z][\w'’.&-]*(\s+[A-Z&][\w'’.&-]*){0,4})?$",
        "a photographer and agency credit",
        max_words=12,
        ignore_case=False,
    ),
    # "Getty Images", "Xinhua /Landov", "AP Photo/Evan Vucci": agency credits on their own line.
    rule(
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
    rule(
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
    rule(
        "caption-label",
        r"^(image|media|photo|video) caption\s*:?\s+\S|^(above|pictured|top photo|main image"
        r"|file photo)\s*:\s*\S|^\d+ of \d+\s+\S",
        "a photo caption with its label",
        max_words=80,
    ),
    # "Crews clear the road. The work will take a week. less", "Crews clear the road ... more":
    # a caption with the button that folds or unfolds it, printed in both states.
    rule(
        "caption-toggle",
        r"([.!?][\"”’)]?\s+less|(\.\.\.|…)\s*more)$",
        "a folding caption and its more/less button",
        max_words=80,
    ),
    # "In this May 4, 2020, file photo, a volunteer ...", "FILE - In this undated photo ...":
    # the way agency captions open.
    rule(
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
    rule(
        "gallery-counter",
        r"^((image|photo|slide|picture)\s*\d+\s*(of|/)\s*/?\s*\d+|\d+\s*(/|of)\s*\d+"
        r"|back to gallery|(view|open|launch|see) (the )?(full )?(photo )?gallery.*"
        r"|\d+ (photos|images|pictures))$",
        "photo gallery counters and buttons",
    ),
    # "close video ad", "Unmutetoggle ad audio on off", "Watch: ...": video-player controls.
    rule(
        "video-player",
        r"(\bvideo ad\b|\bad audio\b|unmute|^autoplay|^(play|watch|replay) (the )?video$"
        r"|^video (player|loading|will play)|^now playing$|^watch (live|now|more)\b)",
        "video-player controls and ad labels",
        max_words=8,
    ),
    # "Posted at 5:05 PM, Oct 30, 2016", "and last updated 2016-10-30 17:05:27-04",
    # "Published: Tuesday, November 19, 2019": the date goes to Article.published instead.
    rule(
        "date-line",
        r"^(?!.*\.$)(and )?(last |first )?(posted|published|updated|modified|created"
        r"|originally published)(\s+(on|at))?\s*:?\s*.*(\d{1,2}:\d\d|\d{4}|\bago\b)",
        "publication and update stamps",
        max_words=14,
    ),
    # A line that is only a date and time, "November 20, 2019" or "Nov. 19, 2019 11:03 PM".
    rule(
        "date-line",
        r"^((mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?((jan|feb|mar|apr|may|jun|jul|aug"
        r"|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{1,2}\s+(jan|feb|mar"
        r"|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d\d-\d\d)"
        r"([\s,|·•-]*(at\s+)?\d{1,2}[:.]\d\d(\s*[ap]\.?m\.?)?(\s+[a-z]{2,4})?)?$",
        "a bare date line",
    ),
    # "Updated 1:39 am EST" or "5 hours ago": relative and time-only stamps.
    rule(
        "date-line",
        r"^(updated|posted|published)?\s*(\d+\s+(second|minute|hour|day|week|month|year)s?\s+ago"
        r"(\s+at\s+\d{1,2}:\d\d\s*([ap]\.?m\.?)?)?|\d{1,2}:\d\d\s*[ap]\.?m\.?(\s+[a-z]{2,4})?)$",
        "a relative or time-only stamp",
    ),
)
