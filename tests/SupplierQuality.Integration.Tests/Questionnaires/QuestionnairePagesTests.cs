using System.Net;
using System.Text.RegularExpressions;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Integration.Tests.Suppliers;

namespace SupplierQuality.Integration.Tests.Questionnaires;

[Collection(QuestionnairesNode.Collection)]
public sealed partial class QuestionnairePagesTests(QuestionnairesNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The value of the first hidden input with this name (the revision or copy id a form sends back).</summary>
    private static string Hidden(HtmlPage page, string name)
    {
        var match = Regex.Match(page.Text, $"<input type=\"hidden\" name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"");
        Assert.True(match.Success, $"The page has no hidden {name}.");
        return match.Groups[1].Value;
    }

    /// <summary>Opens the add-question form for this kind and posts it with the revision it showed.</summary>
    private static async Task<HttpResponseMessage> AddQuestionAsync(HttpClient client, Guid id, string kind, Dictionary<string, string> fields)
    {
        var path = $"/questionnaires/{id}/draft/questions?kind={kind}";
        fields["revision"] = Hidden(await HtmlPage.GetAsync(client, path), "revision");
        return await client.PostFormAsync(path, fields, formPath: path);
    }

    /// <summary>Posts one of the draft editor's forms with the revision the editor shows now.</summary>
    private static async Task<HttpResponseMessage> PostDraftAsync(HttpClient client, Guid id, string handler, Dictionary<string, string> fields)
    {
        fields["revision"] = Hidden(await HtmlPage.GetAsync(client, $"/questionnaires/{id}/draft"), "revision");
        return await client.PostFormAsync($"/questionnaires/{id}/draft?handler={handler}", fields);
    }

    private static async Task<QuestionnaireVersion> VersionAsync(IQuestionnaireGrain questionnaire, int number) =>
        (await questionnaire.GetVersionAsync(number))!;

    [Fact]
    public async Task A_manager_builds_and_publishes_a_questionnaire_through_the_forms()
    {
        using var client = await fixture.SignedInManagerAsync();
        var form = await HtmlPage.GetAsync(client, "/questionnaires/new");
        var id = Guid.Parse(form.ValueOf("Form_Id")!);
        var title = "Form survey " + Guid.NewGuid().ToString("N")[..8];

        using var created = await client.PostFormAsync("/questionnaires/new", new Dictionary<string, string>
        {
            ["Form.Id"] = id.ToString(),
            ["Form.Title"] = title,
            ["Form.Description"] = "Tell us how we did.",
            ["Form.StandardDimensions"] = "true",
        });
        Assert.Equal($"/questionnaires/{id}/draft", created.RedirectTarget());

        using var likert = await AddQuestionAsync(client, id, "Likert", new()
        {
            ["Form.Text"] = "How good were the parts?",
            ["Form.Required"] = "true",
            ["Form.DimensionId"] = "quality",
            ["Form.Points"] = "7",
            ["Form.LowLabel"] = "Very poor",
            ["Form.HighLabel"] = "Excellent",
        });
        using var choice = await AddQuestionAsync(client, id, "SingleChoice", new()
        {
            ["Form.Text"] = "How often were deliveries late?",
            ["Form.DimensionId"] = "delivery",
            ["Form.Options[0].Text"] = "Never",
            ["Form.Options[0].Score"] = "100",
            ["Form.Options[1].Text"] = "",
            ["Form.Options[2].Text"] = "Often",
            ["Form.Options[2].Score"] = "0",
        });
        using var text = await AddQuestionAsync(client, id, "FreeText", new()
        {
            ["Form.Text"] = "What should we do better?",
            ["Form.MaxLength"] = "500",
        });
        Assert.All(new[] { likert, choice, text }, r => Assert.Equal($"/questionnaires/{id}/draft#questions", r.RedirectTarget()));
        var editor = await HtmlPage.GetAsync(client, $"/questionnaires/{id}/draft");
        Assert.Contains("Question 3 added.", editor.Text, StringComparison.Ordinal);
        Assert.Contains("Single choice, 2 options, in Delivery, optional", editor.Text, StringComparison.Ordinal);

        var details = await HtmlPage.GetAsync(client, $"/questionnaires/{id}");
        using var unconfirmed = await client.PostFormAsync($"/questionnaires/{id}?handler=Publish", new Dictionary<string, string>
        {
            ["revision"] = Hidden(details, "revision"),
        });
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("Tick the box to confirm publishing", (await HtmlPage.ReadAsync(unconfirmed)).Text, StringComparison.Ordinal);
        Assert.Equal(VersionStatus.Draft, (await VersionAsync(fixture.Node.Grains.GetGrain<IQuestionnaireGrain>(id), 1)).Status);

        using var published = await client.PostFormAsync($"/questionnaires/{id}?handler=Publish", new Dictionary<string, string>
        {
            ["revision"] = Hidden(details, "revision"),
            ["confirm"] = "true",
        });

        Assert.Equal($"/questionnaires/{id}", published.RedirectTarget());
        Assert.Contains("Version 1 is published.", (await HtmlPage.GetAsync(client, $"/questionnaires/{id}")).Text, StringComparison.Ordinal);
        var version = await VersionAsync(fixture.Node.Grains.GetGrain<IQuestionnaireGrain>(id), 1);
        Assert.Equal((VersionStatus.Published, title, 5), (version.Status, version.Title, version.Dimensions.Count));
        Assert.Equal([QuestionKind.Likert, QuestionKind.SingleChoice, QuestionKind.FreeText], version.Questions.Select(q => q.Kind));
        Assert.Equal((7, true), (version.Questions[0].Points, version.Questions[0].Required));
        Assert.Equal(["Never", "Often"], version.Questions[1].Options.Select(o => o.Text));
        Assert.Equal(500, version.Questions[2].MaxLength);
        Assert.Contains($">{title}</a>", (await HtmlPage.GetAsync(client, "/questionnaires")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_questionnaire_without_a_title_shows_the_message_at_the_field()
    {
        using var client = await fixture.SignedInManagerAsync();
        var id = Guid.Parse((await HtmlPage.GetAsync(client, "/questionnaires/new")).ValueOf("Form_Id")!);

        using var posted = await client.PostFormAsync("/questionnaires/new", new Dictionary<string, string>
        {
            ["Form.Id"] = id.ToString(),
            ["Form.Title"] = " ",
            ["Form.Description"] = "Kept",
        });

        var page = await HtmlPage.ReadAsync(posted);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Title\">Enter a title.</a>", page.Text, StringComparison.Ordinal);
        Assert.Matches(">\\s*Kept</textarea>", page.Text);
        Assert.Null(await fixture.Node.Grains.GetGrain<IQuestionnaireGrain>(id).GetAsync());
    }

    [Fact]
    public async Task An_invalid_question_shows_messages_next_to_its_fields_and_keeps_the_typed_values()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());
        var id = questionnaire.GetPrimaryKey();

        using var posted = await AddQuestionAsync(client, id, "SingleChoice", new()
        {
            ["Form.Text"] = "",
            ["Form.Options[0].Text"] = "",
            ["Form.Options[1].Text"] = "Never",
            ["Form.Options[1].Score"] = "100",
            ["Form.Options[2].Text"] = "Often",
            ["Form.Options[2].Score"] = "150",
        });

        var page = await HtmlPage.ReadAsync(posted);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.StartsWith("Error: ", page.Title, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Text\">Enter the question.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#Form_Options_2__Score\">The score must be from 0 to 100.</a>", page.Text, StringComparison.Ordinal);
        Assert.Matches("id=\"Form_Options_2__Score-error\"[^>]*>The score must be", page.Text);
        Assert.Equal(("Often", "150"), (page.ValueOf("Form_Options_2__Text"), page.ValueOf("Form_Options_2__Score")));
        Assert.Equal(7, (await VersionAsync(questionnaire, 1)).Questions.Count);
    }

    [Fact]
    public async Task Editing_a_question_keeps_its_id_and_saves_the_change()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());
        var id = questionnaire.GetPrimaryKey();
        var path = $"/questionnaires/{id}/draft/questions/q6";
        var form = await HtmlPage.GetAsync(client, path);
        Assert.Matches(">\\s*Average days late\\?</textarea>", form.Text);
        Assert.Equal("30", form.ValueOf("Form_Max"));

        using var posted = await client.PostFormAsync(path, new Dictionary<string, string>
        {
            ["revision"] = Hidden(form, "revision"),
            ["Form.Text"] = "Average days late per delivery?",
            ["Form.DimensionId"] = "delivery",
            ["Form.Min"] = "0",
            ["Form.Max"] = "20",
            ["Form.TargetMin"] = "0",
            ["Form.TargetMax"] = "1",
        });

        Assert.Equal($"/questionnaires/{id}/draft#question-q6", posted.RedirectTarget());
        var question = (await VersionAsync(questionnaire, 1)).Questions[5];
        Assert.Equal(("q6", "Average days late per delivery?", 20m, 1m), (question.Id, question.Text, question.Max, question.TargetMax));
    }

    [Fact]
    public async Task A_scored_question_may_allow_not_applicable_and_the_draft_says_so()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());
        var id = questionnaire.GetPrimaryKey();
        var path = $"/questionnaires/{id}/draft/questions/q1";
        var form = await HtmlPage.GetAsync(client, path);
        var text = await HtmlPage.GetAsync(client, $"/questionnaires/{id}/draft/questions/q7");
        Assert.Matches("<input type=\"checkbox\"[^>]*id=\"Form_AllowNotApplicable\"", form.Text);
        Assert.Contains("<label for=\"Form_AllowNotApplicable\">Suppliers may answer “Not applicable”</label>", form.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Form_AllowNotApplicable", text.Text, StringComparison.Ordinal);

        using var posted = await client.PostFormAsync(path, new Dictionary<string, string>
        {
            ["revision"] = Hidden(form, "revision"),
            ["Form.Text"] = "How good were the parts?",
            ["Form.Required"] = "true",
            ["Form.AllowNotApplicable"] = "true",
            ["Form.DimensionId"] = "quality",
            ["Form.Points"] = "5",
            ["Form.LowLabel"] = "Very poor",
            ["Form.HighLabel"] = "Excellent",
        });

        Assert.Equal($"/questionnaires/{id}/draft#question-q1", posted.RedirectTarget());
        Assert.True((await VersionAsync(questionnaire, 1)).Questions[0].AllowNotApplicable);
        var draft = await HtmlPage.GetAsync(client, $"/questionnaires/{id}/draft");
        Assert.Contains("Likert scale, 5 points, in Quality, required, “Not applicable” allowed", draft.Text, StringComparison.Ordinal);
        var box = Regex.Match((await HtmlPage.GetAsync(client, path)).Text, "<input[^>]*id=\"Form_AllowNotApplicable\"[^>]*>").Value;
        Assert.Contains("checked=\"checked\"", box, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dimensions_table_renames_reweights_and_adds_dimensions()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());
        var id = questionnaire.GetPrimaryKey();

        using var posted = await PostDraftAsync(client, id, "Dimensions", new()
        {
            ["Dimensions[0].Id"] = "quality",
            ["Dimensions[0].Name"] = "Product quality",
            ["Dimensions[0].Weight"] = "50",
            ["Dimensions[1].Id"] = "delivery",
            ["Dimensions[1].Name"] = "Delivery",
            ["Dimensions[1].Weight"] = "30",
            ["Dimensions[2].Name"] = "",
            ["Dimensions[3].Name"] = "Cost",
            ["Dimensions[3].Weight"] = "20",
        });

        Assert.Equal($"/questionnaires/{id}/draft#dimensions", posted.RedirectTarget());
        Assert.Equal(
            [new Dimension("quality", "Product quality", 50m), new Dimension("delivery", "Delivery", 30m), new Dimension("cost", "Cost", 20m)],
            (await VersionAsync(questionnaire, 1)).Dimensions);
    }

    [Fact]
    public async Task A_bad_weight_is_shown_at_its_row_and_a_dimension_in_use_cannot_be_removed()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());
        var id = questionnaire.GetPrimaryKey();

        using var posted = await PostDraftAsync(client, id, "Dimensions", new()
        {
            ["Dimensions[0].Id"] = "quality",
            ["Dimensions[0].Name"] = "Quality",
            ["Dimensions[0].Weight"] = "60",
            ["Dimensions[1].Id"] = "delivery",
            ["Dimensions[1].Name"] = "Delivery",
            ["Dimensions[1].Weight"] = "40",
            ["Dimensions[1].Remove"] = "true",
            ["Dimensions[2].Name"] = "",
            ["Dimensions[3].Name"] = "Cost",
            ["Dimensions[3].Weight"] = "0",
        });

        var page = await HtmlPage.ReadAsync(posted);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("<a href=\"#Dimensions_3__Weight\">The weight must be more than 0 and at most 100.</a>", page.Text, StringComparison.Ordinal);
        Assert.Contains(
            $"<a href=\"/questionnaires/{id}/draft/questions/q3\">Question 3: There is no dimension \"delivery\" in this questionnaire.</a>",
            page.Text,
            StringComparison.Ordinal);
        Assert.Equal("Cost", page.ValueOf("Dimensions_3__Name"));
        Assert.Equal(["quality", "delivery"], (await VersionAsync(questionnaire, 1)).Dimensions.Select(d => d.Id));
    }

    [Fact]
    public async Task Questions_move_and_are_removed_one_step_at_a_time()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());
        var id = questionnaire.GetPrimaryKey();

        using var moved = await PostDraftAsync(client, id, "Move", new() { ["questionId"] = "q2", ["direction"] = "up" });
        using var removed = await PostDraftAsync(client, id, "Remove", new() { ["questionId"] = "q7" });

        Assert.Equal($"/questionnaires/{id}/draft#question-q2", moved.RedirectTarget());
        Assert.Equal($"/questionnaires/{id}/draft#questions", removed.RedirectTarget());
        Assert.Equal(["q2", "q1", "q3", "q4", "q5", "q6"], (await VersionAsync(questionnaire, 1)).Questions.Select(q => q.Id));
    }

    [Fact]
    public async Task Saving_over_someone_elses_change_keeps_the_typed_text_and_saves_nothing()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());
        var id = questionnaire.GetPrimaryKey();
        var editor = await HtmlPage.GetAsync(client, $"/questionnaires/{id}/draft");
        await questionnaire.UpdateDraftAsync(new UpdateDraft(1, QuestionnairesNode.EveryKind("Their title")));

        using var posted = await client.PostFormAsync($"/questionnaires/{id}/draft?handler=Header", new Dictionary<string, string>
        {
            ["revision"] = Hidden(editor, "revision"),
            ["Header.Title"] = "My title",
        });

        var page = await HtmlPage.ReadAsync(posted);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Someone else changed this draft", page.Text, StringComparison.Ordinal);
        Assert.Equal(("My title", "2"), (page.ValueOf("Header_Title"), Hidden(page, "revision")));
        Assert.Equal("Their title", (await VersionAsync(questionnaire, 1)).Title);
    }

    [Fact]
    public async Task Publishing_an_unfinished_draft_lists_what_is_missing_with_links_to_fix_it()
    {
        using var client = await fixture.SignedInManagerAsync();
        var content = QuestionnairesNode.EveryKind();
        var questionnaire = await fixture.CreateAsync(content with { Questions = [content.Questions[0] with { DimensionId = null }] });
        var id = questionnaire.GetPrimaryKey();
        var details = await HtmlPage.GetAsync(client, $"/questionnaires/{id}");

        using var posted = await client.PostFormAsync($"/questionnaires/{id}?handler=Publish", new Dictionary<string, string>
        {
            ["revision"] = Hidden(details, "revision"),
            ["confirm"] = "true",
        });

        var page = await HtmlPage.ReadAsync(posted);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(
            $"<a href=\"/questionnaires/{id}/draft/questions/q1\">Question 1: Choose a dimension: answers to this question are scored.</a>",
            page.Text,
            StringComparison.Ordinal);
        Assert.Null((await questionnaire.GetAsync())!.PublishedVersion);
    }

    [Fact]
    public async Task Editing_a_published_questionnaire_starts_the_next_version_and_a_copy_gets_its_own_page()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind("Yearly review"), publish: true);
        var id = questionnaire.GetPrimaryKey();
        var copyId = Hidden(await HtmlPage.GetAsync(client, $"/questionnaires/{id}"), "copyId");

        using var started = await client.PostFormAsync($"/questionnaires/{id}?handler=StartDraft", []);
        using var copied = await client.PostFormAsync($"/questionnaires/{id}?handler=Copy", new Dictionary<string, string> { ["copyId"] = copyId });

        Assert.Equal($"/questionnaires/{copyId}", copied.RedirectTarget());
        var copy = await HtmlPage.GetAsync(client, $"/questionnaires/{copyId}");
        Assert.Contains("<h1>Yearly review (copy)</h1>", copy.Text, StringComparison.Ordinal);
        Assert.Contains("This is a new copy.", copy.Text, StringComparison.Ordinal);
        Assert.Equal($"/questionnaires/{id}/draft", started.RedirectTarget());
        var details = (await questionnaire.GetAsync())!;
        Assert.Equal(((int?)2, (int?)1), (details.DraftVersion, details.PublishedVersion));
        Assert.Contains("<h1>Edit version 2 (draft)</h1>", (await HtmlPage.GetAsync(client, $"/questionnaires/{id}/draft")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_shows_each_kind_of_question_the_way_suppliers_answer_it()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind(), publish: true);

        var page = await HtmlPage.GetAsync(client, $"/questionnaires/{questionnaire.GetPrimaryKey()}/versions/1/preview");

        var preview = Regex.Match(page.Text, "<article.*?</article>", RegexOptions.Singleline).Value;
        Assert.Contains("<h1 id=\"preview-title\">Supplier survey</h1>", preview, StringComparison.Ordinal);
        Assert.Equal(
            ["Quality", "1. How good were the parts?", "2. How likely are you to recommend us? (optional)", "Delivery",
             "3. Were deliveries on time?", "4. How often were deliveries late? (optional)", "Other questions", "5. Which channels do you use? (optional)",
             "Delivery", "Other questions"],
            Regex.Matches(preview, "<legend>(.*?)</legend>", RegexOptions.Singleline).Select(m => Flatten(m.Groups[1].Value)));

        // Likert, rating, yes/no and single choice: one radio group each, every button labelled.
        Assert.Matches("<input type=\"radio\" id=\"answer-q1\" name=\"answers\\[q1\\]\" value=\"1\"[^>]*required", preview);
        Assert.Contains("<label for=\"answer-q1\">1 – Very poor</label>", preview, StringComparison.Ordinal);
        Assert.Contains("<label for=\"answer-q1-5\">5 – Excellent</label>", preview, StringComparison.Ordinal);
        Assert.Contains("<label for=\"answer-q2\">0 – Not at all</label>", preview, StringComparison.Ordinal);
        Assert.Contains("<label for=\"answer-q2-11\">10 – Extremely</label>", preview, StringComparison.Ordinal);
        Assert.Contains("<label for=\"answer-q3-2\">No</label>", preview, StringComparison.Ordinal);
        Assert.Matches("<input type=\"radio\" id=\"answer-q4-2\" name=\"answers\\[q4\\]\" value=\"o2\"", preview);
        Assert.Contains("<label for=\"answer-q4-2\">Sometimes</label>", preview, StringComparison.Ordinal);

        // Multiple choice: checkboxes. Number and free text: a labelled input with its limits.
        Assert.Matches("<input type=\"checkbox\" id=\"answer-q5\" name=\"answers\\[q5\\]\" value=\"o3\"", preview);
        Assert.Contains("<label for=\"answer-q6\">6. Average days late? <span class=\"hint\">(optional)</span></label>", preview, StringComparison.Ordinal);
        Assert.Matches("<input type=\"number\" id=\"answer-q6\" name=\"answers\\[q6\\]\"[^>]*min=\"0\"[^>]*max=\"30\"[^>]*aria-describedby=\"answer-q6-range\"", preview);
        Assert.Contains("<p class=\"hint\" id=\"answer-q6-range\">Enter a number from 0 to 30.</p>", preview, StringComparison.Ordinal);
        Assert.Matches("<textarea id=\"answer-q7\" name=\"answers\\[q7\\]\" rows=\"5\" maxlength=\"1500\"[^>]*aria-describedby=\"answer-q7-hint answer-q7-length\"", preview);

        // Nothing to send: a preview has no form and no submit button.
        Assert.DoesNotContain("<form", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"submit\"", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_partial_shows_typed_answers_and_errors_for_the_supplier_form()
    {
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind(), publish: true);
        var version = await VersionAsync(questionnaire, 1);
        var form = new SupplierQuality.Web.Pages.Questionnaires.QuestionnaireFormModel
        {
            Version = version,
            Answers = new Dictionary<string, IReadOnlyList<string>> { ["q1"] = ["4"], ["q5"] = ["o3", "o4"] },
            Errors = new Dictionary<string, IReadOnlyList<string>> { ["q3"] = ["Answer yes or no."] },
        };

        Assert.True(form.IsChosen("q1", "4") && form.IsChosen("q5", "o4") && !form.IsChosen("q5", "o5"));
        Assert.Equal(["Answer yes or no."], form.ErrorsOf("q3"));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], form.Groups().SelectMany(g => g.Questions).Select(q => q.Number));
        Assert.Equal(["q1", "q2", "q3", "q4", "q5", "q6", "q7"], form.Groups().SelectMany(g => g.Questions).Select(q => q.Question.Id));
        Assert.Equal(["Quality", "Delivery", "Other questions", "Delivery", "Other questions"], form.Groups().Select(g => g.Legend));
    }

    [Fact]
    public async Task Adding_a_question_without_a_known_kind_goes_back_to_the_draft()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());

        using var response = await client.GetAsync($"/questionnaires/{questionnaire.GetPrimaryKey()}/draft/questions?kind=Essay", Cancel);

        Assert.Equal($"/questionnaires/{questionnaire.GetPrimaryKey()}/draft#questions", response.RedirectTarget());
    }

    [Fact]
    public async Task Unknown_questionnaires_and_versions_are_404_pages()
    {
        using var client = await fixture.SignedInManagerAsync();
        var questionnaire = await fixture.CreateAsync(QuestionnairesNode.EveryKind());

        using var details = await client.GetAsync($"/questionnaires/{Guid.NewGuid()}", Cancel);
        using var preview = await client.GetAsync($"/questionnaires/{questionnaire.GetPrimaryKey()}/versions/9/preview", Cancel);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (details.StatusCode, preview.StatusCode));
    }

    [Fact]
    public async Task An_executive_is_denied_the_questionnaire_pages()
    {
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var response = await client.GetAsync("/questionnaires", Cancel);

        Assert.StartsWith("/account/denied", response.RedirectTarget(), StringComparison.Ordinal);
    }

    /// <summary>Text without tags and with single spaces, as a screen reader would read it.</summary>
    private static string Flatten(string html) =>
        Whitespace().Replace(Tags().Replace(html, string.Empty), " ").Trim();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
