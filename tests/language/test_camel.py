"""camel-tools behind `language/camel.py`: what it writes out agrees with camel-tools."""

from newsdossier.language import camel


def test_dediac_is_camel_tools_dediac_ar():
    """`dediac` removes camel-tools' Arabic diacritics without importing
    its character sets; every character of the Arabic blocks and a few
    words give camel-tools' own answer."""
    dediac_ar = camel._import("camel_tools.utils.dediac").dediac_ar
    charsets = camel._import("camel_tools.utils.charsets")
    assert frozenset(camel.AR_DIACRITICS) == charsets.AR_DIAC_CHARSET
    texts = [chr(c) for c in range(0x0600, 0x0700)] + ["بُوتِين", "الصِّينُ", "رَحْمٰن", "ـبوتين", "Putin 2024"]
    for text in texts:
        assert camel.dediac(text) == dediac_ar(text), repr(text)


def test_no_full_database_without_importing_camel_tools(tmp_path, monkeypatch):
    """With no catalogue naming a downloaded morphology database, the
    answer comes from the catalogue file (as `data_identity` reads it)."""
    monkeypatch.setenv("CAMELTOOLS_DATA", str(tmp_path))
    assert camel.full_database(None) == (None, None)
    (tmp_path / "catalogue.json").write_text(
        '{"components": {"MorphologyDB": {"default": "x", "datasets": {"x": {"path": "morph/x"}}}}}',
        encoding="utf-8",
    )
    assert camel.full_database(None) == (None, None)  # named, not downloaded


def test_the_installed_version_is_the_distributions_read_without_its_metadata_module():
    import importlib.metadata
    import subprocess
    import sys

    assert camel.installed_version() == importlib.metadata.version("camel-tools")
    # Asked in a fresh process: neither camel-tools nor importlib.metadata is imported for it.
    code = (
        "import sys; from newsdossier.language import camel; camel.installed_version(); "
        "print(any(m == 'importlib.metadata' or m.startswith('camel_tools') for m in sys.modules))"
    )
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )
