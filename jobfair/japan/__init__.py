"""Ready for Japan: candidates' tests passed, hires' departure checklists and the sending
organisations invited per hire (the entry rule itself is jobfair/japan_entry.py)."""
