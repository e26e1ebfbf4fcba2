using SupplierQuality.Grains.Commands;
using SupplierQuality.Grains.Questionnaires;
using static SupplierQuality.Grains.Tests.Questionnaires.QuestionnaireSamples;

namespace SupplierQuality.Grains.Tests.Questionnaires;

public sealed class QuestionnaireGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private IQuestionnaireGrain NewQuestionnaire() => _grains.GetGrain<IQuestionnaireGrain>(Guid.NewGuid());

    private static async Task<IQuestionnaireGrain> CreatedAsync(IQuestionnaireGrain questionnaire, QuestionnaireContent? content = null)
    {
        var result = await questionnaire.CreateAsync(new CreateQuestionnaire(content ?? Content()));
        Assert.Equal(CommandOutcome.Created, result.Outcome);
        return questionnaire;
    }

    /// <summary>A questionnaire whose version 1 is published (revision 2).</summary>
    private async Task<IQuestionnaireGrain> PublishedAsync(QuestionnaireContent? content = null)
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire(), content);
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome);
        return questionnaire;
    }

    private static async Task<QuestionnaireContent> ContentOfAsync(IQuestionnaireGrain questionnaire, int version) =>
        (await questionnaire.GetVersionAsync(version))!.Content;

    [Fact]
    public async Task A_created_questionnaire_has_its_content_as_the_draft_of_version_1()
    {
        var questionnaire = NewQuestionnaire();

        var result = await questionnaire.CreateAsync(new CreateQuestionnaire(Content(" Supplier survey ")));

        Assert.Equal(CommandOutcome.Created, result.Outcome);
        var details = result.Value!;
        Assert.Equal(details, await questionnaire.GetAsync());
        Assert.Equal((questionnaire.GetPrimaryKey(), 1, "Supplier survey", 1, (int?)null), (details.Id, details.Revision, details.Title, details.DraftVersion, details.PublishedVersion));
        Assert.Equal(new QuestionnaireVersionSummary(1, VersionStatus.Draft, null, "Supplier survey", 7), Assert.Single(details.Versions));
        var version = (await questionnaire.GetVersionAsync(1))!;
        Assert.Equal(["q1", "q2", "q3", "q4", "q5", "q6", "q7"], version.Questions.Select(q => q.Id));
        Assert.Equal(["o1", "o2", "o3"], version.Questions[3].Options.Select(o => o.Id));
        Assert.Equal(["quality", "delivery"], version.Dimensions.Select(d => d.Id));
    }

    [Fact]
    public async Task A_questionnaire_reads_back_whole_from_storage_after_deactivation()
    {
        var questionnaire = await PublishedAsync();
        await questionnaire.UpdateDraftAsync(new UpdateDraft(2, Content("Second edition")));
        var copy = await questionnaire.CopyAsync(new CopyQuestionnaire(Guid.NewGuid()));
        var before = (await questionnaire.GetAsync(), await questionnaire.GetVersionAsync(1), await questionnaire.GetVersionAsync(2));

        // Storage serializes state (JSON with type names), so this is the round trip a restarted node makes.
        await fixture.Cluster.DeactivateAsync(questionnaire);
        var copyGrain = _grains.GetGrain<IQuestionnaireGrain>(copy.Value!.Id);
        await fixture.Cluster.DeactivateAsync(copyGrain);

        Assert.Equal(before, (await questionnaire.GetAsync(), await questionnaire.GetVersionAsync(1), await questionnaire.GetVersionAsync(2)));
        Assert.Equal(copy.Value, await copyGrain.GetAsync());
        Assert.Equal(CommandOutcome.Ok, (await questionnaire.PublishAsync(new PublishDraft(3))).Outcome);
    }

    [Fact]
    public async Task A_question_keeps_its_not_applicable_setting_in_storage_and_changing_only_that_is_an_edit()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire(), Content("Not applicable", Likert() with { AllowNotApplicable = true }, YesNo()));

        await fixture.Cluster.DeactivateAsync(questionnaire);
        var stored = await ContentOfAsync(questionnaire, 1);
        var edited = await questionnaire.UpdateDraftAsync(new UpdateDraft(1, stored with
        {
            Questions = [stored.Questions[0] with { AllowNotApplicable = false }, stored.Questions[1] with { AllowNotApplicable = true }],
        }));

        Assert.Equal([true, false], stored.Questions.Select(q => q.AllowNotApplicable));
        Assert.Equal((CommandOutcome.Ok, 2), (edited.Outcome, edited.Value!.Revision));
        Assert.Equal([false, true], (await ContentOfAsync(questionnaire, 1)).Questions.Select(q => q.AllowNotApplicable));
    }

    [Fact]
    public async Task An_unknown_questionnaire_reads_as_null_and_its_commands_are_not_found()
    {
        var questionnaire = NewQuestionnaire();

        Assert.Null(await questionnaire.GetAsync());
        Assert.Null(await questionnaire.GetVersionAsync(1));
        Assert.Equal(
            [CommandOutcome.NotFound, CommandOutcome.NotFound, CommandOutcome.NotFound, CommandOutcome.NotFound],
            [
                (await questionnaire.UpdateDraftAsync(new UpdateDraft(1, Content()))).Outcome,
                (await questionnaire.StartDraftAsync()).Outcome,
                (await questionnaire.PublishAsync(new PublishDraft(1))).Outcome,
                (await questionnaire.CopyAsync(new CopyQuestionnaire(Guid.NewGuid()))).Outcome,
            ]);
    }

    [Fact]
    public async Task Creating_the_same_questionnaire_twice_changes_nothing()
    {
        var questionnaire = NewQuestionnaire();
        var first = await questionnaire.CreateAsync(new CreateQuestionnaire(Content()));

        var second = await questionnaire.CreateAsync(new CreateQuestionnaire(Content()));

        Assert.Equal(CommandOutcome.Ok, second.Outcome);
        Assert.Equal(first.Value, second.Value);
    }

    [Fact]
    public async Task Creating_other_content_on_an_existing_id_conflicts_and_keeps_the_first()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire());

        var second = await questionnaire.CreateAsync(new CreateQuestionnaire(Content("Another")));

        Assert.Equal(CommandOutcome.Conflict, second.Outcome);
        Assert.Equal("Supplier satisfaction 2025", (await questionnaire.GetAsync())!.Title);
    }

    [Fact]
    public async Task Editing_the_draft_replaces_its_content_and_moves_the_revision()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire());
        var edited = Content("Edited", Likert("q1"), FreeText());

        var result = await questionnaire.UpdateDraftAsync(new UpdateDraft(1, edited));

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        Assert.Equal((2, "Edited", 1, 1), (result.Value!.Revision, result.Value.Title, result.Value.DraftVersion, result.Value.Versions.Count));
        var content = await ContentOfAsync(questionnaire, 1);
        Assert.Equal("Edited", content.Title);
        Assert.Equal([QuestionKind.Likert, QuestionKind.FreeText], content.Questions.Select(q => q.Kind));
    }

    [Fact]
    public async Task An_edit_with_a_stale_revision_conflicts_and_keeps_the_newer_draft()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire());
        await questionnaire.UpdateDraftAsync(new UpdateDraft(1, Content("Second")));

        var stale = await questionnaire.UpdateDraftAsync(new UpdateDraft(1, Content("Third")));

        Assert.Equal(CommandOutcome.Conflict, stale.Outcome);
        Assert.Equal((2, "Second"), (stale.Value!.Revision, stale.Value.Title));
        Assert.Equal("Second", (await ContentOfAsync(questionnaire, 1)).Title);
    }

    [Fact]
    public async Task A_retried_edit_that_already_applied_succeeds_without_a_new_revision()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire());
        var edit = new UpdateDraft(1, await ContentOfAsync(questionnaire, 1) with { Title = "Second" });
        await questionnaire.UpdateDraftAsync(edit);

        var retry = await questionnaire.UpdateDraftAsync(edit);

        Assert.Equal((CommandOutcome.Ok, 2), (retry.Outcome, retry.Value!.Revision));
    }

    [Fact]
    public async Task Publishing_freezes_the_version_and_leaves_no_draft()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire());
        fixture.Time.GetUtcNow();

        var result = await questionnaire.PublishAsync(new PublishDraft(1));

        Assert.Equal(CommandOutcome.Ok, result.Outcome);
        var details = result.Value!;
        Assert.Equal((2, (int?)null, (int?)1), (details.Revision, details.DraftVersion, details.PublishedVersion));
        var version = (await questionnaire.GetVersionAsync(1))!;
        Assert.Equal(VersionStatus.Published, version.Status);
        Assert.NotNull(version.PublishedAt);
    }

    [Fact]
    public async Task Editing_after_publishing_makes_the_next_version_a_draft_and_leaves_the_published_one_unchanged()
    {
        var questionnaire = await PublishedAsync();
        var published = await questionnaire.GetVersionAsync(1);

        var result = await questionnaire.UpdateDraftAsync(new UpdateDraft(2, Content("Second edition", YesNo("q3"))));

        Assert.Equal((CommandOutcome.Ok, (int?)2, (int?)1), (result.Outcome, result.Value!.DraftVersion, result.Value.PublishedVersion));
        Assert.Equal("Second edition", result.Value.Title);
        Assert.Equal(published, await questionnaire.GetVersionAsync(1));
        Assert.Equal([VersionStatus.Published, VersionStatus.Draft], result.Value.Versions.Select(v => v.Status));
    }

    [Fact]
    public async Task There_is_never_more_than_one_draft()
    {
        var questionnaire = await PublishedAsync();
        await questionnaire.UpdateDraftAsync(new UpdateDraft(2, Content("Draft a")));

        var again = await questionnaire.UpdateDraftAsync(new UpdateDraft(3, Content("Draft b")));
        var started = await questionnaire.StartDraftAsync();

        Assert.Equal([1, 2], started.Value!.Versions.Select(v => v.Number));
        Assert.Equal((4, "Draft b"), (again.Value!.Revision, (await ContentOfAsync(questionnaire, 2)).Title));
        Assert.Equal(4, started.Value.Revision);
    }

    [Fact]
    public async Task Starting_a_draft_copies_the_latest_published_version()
    {
        var questionnaire = await PublishedAsync();

        var result = await questionnaire.StartDraftAsync();

        Assert.Equal(((int?)2, 3), (result.Value!.DraftVersion, result.Value.Revision));
        Assert.Equal(await ContentOfAsync(questionnaire, 1), await ContentOfAsync(questionnaire, 2));
        Assert.Equal(VersionStatus.Draft, (await questionnaire.GetVersionAsync(2))!.Status);
    }

    [Fact]
    public async Task Questions_added_in_a_later_version_never_reuse_an_earlier_id()
    {
        var questionnaire = await PublishedAsync(Content(questions: [Likert(), YesNo(), FreeText()]));
        var v1 = await ContentOfAsync(questionnaire, 1);

        // q2 goes and a new question comes: it must not be q2 again, or answers to the two would be mixed up.
        await questionnaire.UpdateDraftAsync(new UpdateDraft(2, v1 with { Questions = [v1.Questions[0], v1.Questions[2], Rating()] }));

        Assert.Equal(["q1", "q3", "q4"], (await ContentOfAsync(questionnaire, 2)).Questions.Select(q => q.Id));
    }

    [Fact]
    public async Task Invalid_content_is_rejected_with_field_errors_and_nothing_is_written()
    {
        var questionnaire = NewQuestionnaire();
        var invalid = Content(" ", SingleChoice(options: [new("", "Never", 100m), new("", "Often", 150m)]));

        var result = await questionnaire.CreateAsync(new CreateQuestionnaire(invalid));

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["questions[0].options[1].score", "title"], result.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Null(await questionnaire.GetAsync());
        Assert.DoesNotContain(await _grains.ListQuestionnairesAsync(), e => e.Id == questionnaire.GetPrimaryKey());
    }

    [Fact]
    public async Task An_invalid_edit_changes_nothing()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire());
        var before = await ContentOfAsync(questionnaire, 1);

        var result = await questionnaire.UpdateDraftAsync(new UpdateDraft(1, Content(questions: Likert() with { Points = 12 })));

        Assert.Equal(["questions[0].points"], result.Errors.Keys);
        Assert.Equal(1, (await questionnaire.GetAsync())!.Revision);
        Assert.Equal(before, await ContentOfAsync(questionnaire, 1));
    }

    [Fact]
    public async Task Publishing_an_unfinished_draft_is_rejected_with_field_errors_and_nothing_changes()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire(), Content(questions: [FreeText(), YesNo() with { DimensionId = null }]));

        var result = await questionnaire.PublishAsync(new PublishDraft(1));

        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal(["questions[1].dimensionId"], result.Errors.Keys);
        var details = (await questionnaire.GetAsync())!;
        Assert.Equal((1, (int?)1, (int?)null), (details.Revision, details.DraftVersion, details.PublishedVersion));
    }

    [Fact]
    public async Task Publishing_a_draft_without_questions_is_rejected()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire(), Content() with { Questions = [] });

        var result = await questionnaire.PublishAsync(new PublishDraft(1));

        Assert.Equal(["questions"], result.Errors.Keys);
    }

    [Fact]
    public async Task Publishing_with_a_stale_revision_conflicts()
    {
        var questionnaire = await CreatedAsync(NewQuestionnaire());
        await questionnaire.UpdateDraftAsync(new UpdateDraft(1, Content("Changed meanwhile")));

        var result = await questionnaire.PublishAsync(new PublishDraft(1));

        Assert.Equal(CommandOutcome.Conflict, result.Outcome);
        Assert.Null((await questionnaire.GetAsync())!.PublishedVersion);
    }

    [Fact]
    public async Task A_retried_publish_succeeds_but_publishing_without_a_draft_conflicts()
    {
        var questionnaire = await PublishedAsync();

        var retry = await questionnaire.PublishAsync(new PublishDraft(1));
        var again = await questionnaire.PublishAsync(new PublishDraft(2));

        Assert.Equal((CommandOutcome.Ok, 2), (retry.Outcome, retry.Value!.Revision));
        Assert.Equal(CommandOutcome.Conflict, again.Outcome);
        Assert.Contains("no draft", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copy_is_a_new_questionnaire_whose_draft_is_the_latest_version()
    {
        var source = await PublishedAsync();
        await source.UpdateDraftAsync(new UpdateDraft(2, Content("Next year", Likert("q1"))));
        var copyId = Guid.NewGuid();

        var result = await source.CopyAsync(new CopyQuestionnaire(copyId));

        Assert.Equal(CommandOutcome.Created, result.Outcome);
        var copy = result.Value!;
        Assert.Equal((copyId, "Next year (copy)", 1, (int?)1, (int?)null), (copy.Id, copy.Title, copy.Revision, copy.DraftVersion, copy.PublishedVersion));
        Assert.Equal(new CopySource(source.GetPrimaryKey(), 2), copy.CopiedFrom);
        var copied = await ContentOfAsync(_grains.GetGrain<IQuestionnaireGrain>(copyId), 1);
        Assert.Equal((await ContentOfAsync(source, 2)) with { Title = "Next year (copy)" }, copied);
        Assert.Equal(3, (await source.GetAsync())!.Revision);
    }

    [Fact]
    public async Task Copying_again_with_the_same_id_returns_the_same_copy()
    {
        var source = await CreatedAsync(NewQuestionnaire());
        var copyId = Guid.NewGuid();
        var first = await source.CopyAsync(new CopyQuestionnaire(copyId));

        var retry = await source.CopyAsync(new CopyQuestionnaire(copyId));

        Assert.Equal(CommandOutcome.Ok, retry.Outcome);
        Assert.Equal(first.Value, retry.Value);
    }

    [Fact]
    public async Task A_copy_of_a_long_title_stays_within_the_title_limit()
    {
        var source = await CreatedAsync(NewQuestionnaire(), Content(new string('t', 200)));

        var copy = await source.CopyAsync(new CopyQuestionnaire(Guid.NewGuid()));

        Assert.Equal(new string('t', 193) + " (copy)", copy.Value!.Title);
    }

    [Fact]
    public async Task A_copy_needs_an_id_of_its_own()
    {
        var source = await CreatedAsync(NewQuestionnaire());

        var result = await source.CopyAsync(new CopyQuestionnaire(source.GetPrimaryKey()));

        Assert.Equal(["id"], result.Errors.Keys);
    }

    [Fact]
    public async Task The_directory_lists_each_questionnaire_with_its_latest_version()
    {
        var title = "Directory " + Guid.NewGuid();
        var questionnaire = await PublishedAsync(Content(title));
        await questionnaire.StartDraftAsync();

        var entry = Assert.Single(await _grains.ListQuestionnairesAsync(), e => e.Id == questionnaire.GetPrimaryKey());

        Assert.Equal((title, 2, VersionStatus.Draft, (int?)1, 3), (entry.Title, entry.LatestVersion, entry.LatestStatus, entry.PublishedVersion, entry.Revision));
    }

    [Fact]
    public async Task The_directory_ignores_an_entry_older_than_the_one_it_holds()
    {
        var directory = _grains.QuestionnaireDirectoryGrain();
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await directory.UpsertAsync(new QuestionnaireDirectoryEntry(id, "Newer", 1, VersionStatus.Published, 1, 2, now));

        await directory.UpsertAsync(new QuestionnaireDirectoryEntry(id, "Older", 1, VersionStatus.Draft, null, 1, now));

        Assert.Equal("Newer", Assert.Single(await directory.ListAsync(), e => e.Id == id).Title);
    }
}
