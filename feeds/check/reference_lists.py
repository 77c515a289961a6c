"""Reference lists the feed checks compare against: Apple's categories, the Podcasting 2.0
person taxonomy, media and transcript types. Data only, so a list can be updated alone."""

from __future__ import annotations

# Apple's category list of 2019 (Apple Podcasts Connect "Podcast categories"), as the W3C
# feed validator's `itunes.py` encodes it, plus "Religion" under "Religion & Spirituality",
# which Apple lists and that file lacks. Names are compared exactly: case and "&" matter.
APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": (
        "Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts",
    ),
    "Business": (
        "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
    ),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": (
        "Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality",
    ),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies",
        "Home & Garden", "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics",
        "Sports News", "Tech News",
    ),
    "Religion & Spirituality": (
        "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality",
    ),
    "Science": (
        "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics",
        "Natural Sciences", "Nature", "Physics", "Social Sciences",
    ),
    "Society & Culture": (
        "Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships",
    ),
    "Sports": (
        "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey",
        "Rugby", "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}  # fmt: skip

# podcast:person groups and roles from the namespace's taxonomy.json, lower case because the
# spec compares them case-insensitively. "translater" is the taxonomy's own spelling.
PERSON_GROUPS: frozenset[str] = frozenset({
    "creative direction", "cast", "writing", "audio production", "audio post-production",
    "administration", "visuals", "community", "misc.", "video production",
    "video post-production",
})  # fmt: skip
PERSON_ROLES: frozenset[str] = frozenset({
    # creative direction
    "director", "assistant director", "executive producer", "senior producer", "producer",
    "associate producer", "development producer", "creative director",
    # cast
    "host", "co-host", "guest host", "guest", "voice actor", "narrator", "announcer", "reporter",
    # writing
    "author", "editorial director", "co-writer", "writer", "songwriter", "guest writer",
    "story editor", "managing editor", "script editor", "script coordinator", "researcher",
    "editor", "fact checker", "translator", "translater", "transcriber", "logger",
    # audio production and post-production
    "studio coordinator", "technical director", "technical manager", "audio engineer",
    "remote recording engineer", "post production engineer", "audio editor", "sound designer",
    "foley artist", "composer", "theme music", "music production", "music contributor",
    # administration, visuals, community, misc.
    "production coordinator", "booking coordinator", "production assistant", "content manager",
    "marketing manager", "sales representative", "sales manager", "graphic designer",
    "cover art designer", "social media manager", "consultant", "intern",
    # video
    "camera operator", "lighting designer", "camera grip", "assistant camera",
    "assistant editor",
})  # fmt: skip

# podcast:medium values (medium.md); each has a list form ending in "L".
_MEDIA = ("podcast", "music", "video", "film", "audiobook", "newsletter", "blog", "publisher",
          "course")  # fmt: skip
MEDIA: frozenset[str] = frozenset((*_MEDIA, *(m + "L" for m in _MEDIA), "mixed"))

# podcast:transcript types (transcripts.md) and the file extensions each belongs to.
TRANSCRIPT_TYPES: dict[str, tuple[str, ...]] = {
    "text/vtt": (".vtt",),
    "application/x-subrip": (".srt",),
    "application/srt": (".srt",),
    "application/json": (".json",),
    "text/html": (".html", ".htm"),
    "text/plain": (".txt",),
}
# Formats with cue timing: the only ones that may carry rel="captions".
TIMED_TRANSCRIPTS: frozenset[str] = frozenset(
    {"text/vtt", "application/x-subrip", "application/srt"}
)
