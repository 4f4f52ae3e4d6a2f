def test_analyze_text_reuses_one_pipeline_per_settings() -> None:
    from wirewatch.pipeline import shared_pipeline
    from wirewatch.settings import Settings

    first = shared_pipeline(Settings(stages=("clean", "language")))
    assert shared_pipeline(Settings(stages=("clean", "language"))) is first
    assert shared_pipeline(Settings(stages=("clean",))) is not first
