"""The video pipeline: probe an upload, transcode it to adaptive HLS, publish it to storage.

One job per module:

- ``errors``: failures for good (bad media, failed transcode) and temporary ones (retried).
- ``humanize``: durations and sizes in words for those messages.
- ``probe``: what ffprobe says about a file, validated.
- ``uploads``: the same checks on an upload in the admin form, plus size and extension.
- ``ladder``: which renditions to make for a source size.
- ``transcode``: the single ffmpeg run that makes every rendition (and the thumbnail sprite).
- ``playlists``: the master playlist and the subtitle playlists.
- ``subtitles``: WebVTT tracks validated and written next to the video.
- ``thumbnails``: the poster frame and the seek-preview sprite.
- ``hls_storage``: copying the output to private storage and deleting old output.
- ``runs``: a run's hold on an asset: claim (row lock), heartbeat, failed or interrupted.
- ``pipeline``: ``process_asset``, the whole run: download, probe, transcode, upload, switch.
- ``services``: what views and tasks call (enqueue, retry, recover stuck assets).

See docs/media-pipeline.md for the storage layout (a contract with playback).
"""
