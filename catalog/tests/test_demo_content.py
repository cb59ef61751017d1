"""The demo data files: they load, and a mistake in one names the file and the field."""

import json
import shutil
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from catalog.demo.content import DATA_DIR, load_content
from mediasite.demo import DemoDataError


class DemoDataFilesTests(SimpleTestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="mediasite-demo-data-"))
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        shutil.copytree(DATA_DIR, self.dir, dirs_exist_ok=True)

    def edit(self, name: str, change) -> None:
        """Apply ``change`` to the parsed contents of data file ``name`` and write it back."""
        path = self.dir / name
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data), encoding="utf-8")

    def assertDataError(self, *fragments: str) -> str:
        with self.assertRaises(DemoDataError) as caught:
            load_content(self.dir)
        message = str(caught.exception)
        for fragment in fragments:
            self.assertIn(fragment, message)
        return message

    def test_the_shipped_files_load(self):
        content = load_content(DATA_DIR)
        self.assertEqual(len(content.shows), 13)
        self.assertEqual(len(content.articles), 10)
        self.assertEqual(content.show("signal-lost").episodes_per_season, (8, 8))
        self.assertEqual(content.site.early_release_plan, "premium")

    def test_a_wrong_type_names_the_file_and_field(self):
        self.edit("shows.json", lambda shows: shows[2].update(episodes_per_season=["6", 8]))
        self.assertDataError(
            "shows.json: [2].episodes_per_season[0]: Input should be a valid integer"
        )

    def test_a_misspelt_field_is_refused(self):
        self.edit("people.json", lambda people: people[4].update(birthyear=1990))
        self.assertDataError("people.json: [4].birthyear: Extra inputs are not permitted")

    def test_a_missing_field_is_refused(self):
        self.edit("genres.json", lambda genres: genres[1].pop("description"))
        self.assertDataError("genres.json: [1].description: Field required")

    def test_values_outside_the_model_choices_are_refused(self):
        self.edit("shows.json", lambda shows: shows[0].update(maturity_rating="PG-13"))
        self.assertDataError("shows.json: [0].maturity_rating:", "'PG-13' is not one of TV-Y")

    def test_an_unknown_block_type_is_refused(self):
        self.edit("articles.json", lambda a: a[0]["body"].append({"type": "image", "text": "x"}))
        self.assertDataError("articles.json: [0].body[5]:", "'image'")

    def test_a_genre_genres_json_does_not_define_is_refused(self):
        self.edit("shows.json", lambda shows: shows[1]["genres"].append("Western"))
        self.assertDataError(
            "shows.json: [1].genres[2]: unknown genre 'Western' (not in genres.json)"
        )

    def test_an_author_people_json_does_not_define_is_refused(self):
        self.edit("articles.json", lambda articles: articles[3].update(author="Nobody"))
        self.assertDataError(
            "articles.json: [3].author: unknown person 'Nobody' (not in people.json)"
        )

    def test_a_home_rail_needs_what_its_source_shows(self):
        self.edit("site.json", lambda site: site["home"]["blocks"][0].pop("collection"))
        self.assertDataError(
            "site.json: home.blocks[0].rail:", "a 'collection' rail needs 'collection'"
        )

    def test_a_home_rail_must_name_a_defined_collection(self):
        self.edit("site.json", lambda site: site["home"]["blocks"][0].update(collection="nope"))
        self.assertDataError(
            "site.json: home.blocks[0].collection: unknown collection 'nope' (not in collections.json)"
        )

    def test_a_slug_defined_twice_is_refused(self):
        self.edit("shows.json", lambda shows: shows[5].update(slug=shows[0]["slug"]))
        self.assertDataError("shows.json: [5].slug: 'the-long-harbour' is defined twice")

    def test_invalid_json_and_missing_files_say_which_file(self):
        (self.dir / "collections.json").write_text('[{"slug": "x",]', encoding="utf-8")
        self.assertDataError("collections.json: (top level): Invalid JSON")
        (self.dir / "collections.json").unlink()
        self.assertDataError("collections.json: cannot be read")
