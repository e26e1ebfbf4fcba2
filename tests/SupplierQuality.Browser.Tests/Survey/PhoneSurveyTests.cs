using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SupplierQuality.Browser.Tests.Infrastructure;
using SupplierQuality.Browser.Tests.Reflow;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Integration.Tests.Infrastructure;
using static SupplierQuality.Browser.Tests.Survey.SurveySeed;

namespace SupplierQuality.Browser.Tests.Survey;

/// <summary>
/// A supplier's contact answers on a phone (320 CSS px): every control is a target of at least 24 by 24 px (WCAG 2.2
/// target size), scales sit in a row and wrap, each question says where it is in the form, a refused submit puts focus
/// on the error summary, "Not applicable" can be chosen where the questionnaire allows it, and the read-back shows each
/// point with its scale.
/// </summary>
public sealed class PhoneSurveyTests(BrowserFixture browser)
{
    /// <summary>WCAG 2.2 success criterion 2.5.8, in CSS px.</summary>
    private const int MinimumTarget = 24;

    /// <summary>Every radio button, checkbox, button and link, with its box; the skip link only once focused.</summary>
    private const string TargetsScript = """
        () => [...document.querySelectorAll('main input[type=radio], main input[type=checkbox], main button, main a, main input[type=number], main textarea')]
            .map(e => { const r = e.getBoundingClientRect(); return { what: (e.id || e.textContent.trim() || e.tagName).slice(0, 60), width: r.width, height: r.height }; })
        """;

    [Fact]
    public async Task A_contact_answers_on_a_phone_with_not_applicable_and_reads_back_each_point_with_its_scale()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?> { ["Campaigns:TickPeriod"] = "00:00:01" });
        var campaign = await LaunchAsync(node.Grains);
        var invitation = campaign.Invitations[0];
        var phone = new PhoneScreen(nameof(PhoneSurveyTests));
        await using var context = await browser.Browser.NewContextAsync(PhoneScreen.Context(node.BaseAddress));
        var form = await context.NewPageAsync();

        // The form: progress per question, a scale in rows, "Not applicable" where allowed, and targets big enough.
        await form.GotoAsync(invitation.FormPath);
        await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = CampaignName, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator(".question-progress")).ToHaveTextAsync([.. Enumerable.Range(1, 7).Select(n => $"Question {n} of 7")]);
        await Assertions.Expect(Question(form, LikertQuestion).GetByRole(AriaRole.Radio)).ToHaveCountAsync(6);
        await Assertions.Expect(Question(form, LikertQuestion).GetByRole(AriaRole.Radio, new() { Name = "Not applicable" })).ToBeVisibleAsync();
        await Assertions.Expect(Question(form, RatingQuestion).GetByRole(AriaRole.Radio, new() { Name = "Not applicable" })).ToHaveCountAsync(0);
        await Assertions.Expect(Question(form, ChannelsQuestion).GetByRole(AriaRole.Checkbox, new() { Name = "Not applicable" })).ToHaveCountAsync(0);
        await Assertions.Expect(form.GetByRole(AriaRole.Checkbox, new() { Name = "Not applicable" })).ToHaveCountAsync(1);
        Assert.Empty(await SmallTargetsAsync(form));
        // A scale takes one row where it fits (a tablet), and wraps onto a few on the phone.
        await form.SetViewportSizeAsync(1024, 768);
        Assert.Equal((1, 1), (await RowsAsync(form, LikertQuestion), await RowsAsync(form, RatingQuestion)));
        await form.SetViewportSizeAsync(PhoneScreen.Viewport.Width, PhoneScreen.Viewport.Height);
        Assert.InRange(await RowsAsync(form, LikertQuestion), 2, 3);
        Assert.InRange(await RowsAsync(form, RatingQuestion), 2, 4);
        await phone.MeasureAsync(form, "01-form");

        // A submit the server refuses (the browser's own checks off, as an old browser's would be): focus is on the
        // error summary, whose links name the questions by the numbers they have on the form.
        await Question(form, LikertQuestion).GetByRole(AriaRole.Radio, new() { Name = "Not applicable" }).CheckAsync();
        await form.EvalOnSelectorAsync("form[method=post]", "form => form.noValidate = true");
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        var summary = form.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary.GetByRole(AriaRole.Link)).ToHaveTextAsync(["Question 2: Choose an answer.", "Question 3: Choose an answer."]);
        await Assertions.Expect(Question(form, LikertQuestion).GetByRole(AriaRole.Radio, new() { Name = "Not applicable" })).ToBeCheckedAsync();
        Assert.Empty(await SmallTargetsAsync(form));
        await phone.MeasureAsync(form, "02-refused-focus-on-the-summary");

        // Answered: "Not applicable" twice (a radio and the number's checkbox), points on the scales.
        await Question(form, RatingQuestion).GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true }).CheckAsync();
        await Question(form, YesNoQuestion).GetByRole(AriaRole.Radio, new() { Name = "Yes" }).CheckAsync();
        await Question(form, ChoiceQuestion).GetByRole(AriaRole.Radio, new() { Name = "Once or twice" }).CheckAsync();
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Not applicable" }).CheckAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = CommentQuestion }).FillAsync("Send the forecasts a week earlier.");
        await phone.MeasureAsync(form, "03-answered");
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(form.GetByRole(AriaRole.Heading, new() { Name = "Thank you: your answers are submitted" })).ToBeVisibleAsync();

        // The read-back: each point with its scale (and the words of the end it is at), "Not applicable" as such.
        await Assertions.Expect(form.Locator("dl.answers dt")).ToHaveTextAsync(
            [$"1. {LikertQuestion}", $"2. {RatingQuestion}", $"3. {YesNoQuestion}", $"4. {ChoiceQuestion}", $"5. {NumberQuestion}", $"6. {ChannelsQuestion}", $"7. {CommentQuestion}"]);
        await Assertions.Expect(form.Locator("dl.answers dd")).ToHaveTextAsync(
            ["Not applicable", "9 of 10", "Yes", "Once or twice", "Not applicable", "Not answered", "Send the forecasts a week earlier."]);
        Assert.Empty(await SmallTargetsAsync(form));
        await phone.MeasureAsync(form, "04-read-back");

        // Stored as answered, scored as if left out: delivery had nothing else, so only cooperation scores, from the
        // rating (90), yes (100) and the single choice (60).
        var submitted = (await node.Grains.GetGrain<IInvitationGrain>(InvitationToken.Hash(invitation.Token)).GetSubmittedAsync())!;
        Assert.Equal([ResponseAnswers.NotApplicable], submitted.Answers[campaign.Version.Questions[0].Id]);
        Assert.Equal([ResponseAnswers.NotApplicable], submitted.Answers[campaign.Version.Questions[4].Id]);
        Assert.Equal(["cooperation"], submitted.Scores.Dimensions.Select(d => d.DimensionId));
        Assert.Equal((83.3m, 3), (Math.Round(submitted.Scores.Dimensions[0].Score, 1), submitted.Scores.Dimensions[0].Answered));

        // At the end of a scale, the end's words come with the point.
        await form.GetByRole(AriaRole.Link, new() { Name = "Edit your answers" }).ClickAsync();
        await Assertions.Expect(Question(form, LikertQuestion).GetByRole(AriaRole.Radio, new() { Name = "Not applicable" })).ToBeCheckedAsync();
        await Question(form, LikertQuestion).GetByRole(AriaRole.Radio, new() { Name = "5 – Very reliable" }).CheckAsync();
        await phone.MeasureAsync(form, "05-editing");
        await form.GetByRole(AriaRole.Button, new() { Name = "Submit" }).ClickAsync();
        await Assertions.Expect(form.GetByText(new Regex("^Version 2, sent "))).ToBeVisibleAsync();
        await Assertions.Expect(form.Locator("dl.answers dd").First).ToHaveTextAsync("5 of 5 – Very reliable");
        await phone.MeasureAsync(form, "06-read-back-version-2");

        await phone.AssertAllFitAsync();
        phone.AssertAxeClean();
    }

    /// <summary>The question whose legend or label names <paramref name="text"/>.</summary>
    private static ILocator Question(IPage page, string text) =>
        page.Locator(".question", new() { HasText = text });

    /// <summary>The controls smaller than <see cref="MinimumTarget"/> in either direction, as "what: width x height".</summary>
    private static async Task<IReadOnlyList<string>> SmallTargetsAsync(IPage page)
    {
        var targets = await page.EvaluateAsync<JsonElement>(TargetsScript);
        return
        [
            .. targets.EnumerateArray()
                .Where(t => t.GetProperty("width").GetDouble() < MinimumTarget || t.GetProperty("height").GetDouble() < MinimumTarget)
                .Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.GetProperty("what").GetString()}: {t.GetProperty("width").GetDouble():0.#} x {t.GetProperty("height").GetDouble():0.#}")),
        ];
    }

    /// <summary>How many rows the points of a scale take: the distinct tops of its radio buttons.</summary>
    private static async Task<int> RowsAsync(IPage page, string question) =>
        await Question(page, question).Locator(".scale").EvaluateAsync<int>(
            "scale => new Set([...scale.querySelectorAll('input')].map(i => Math.round(i.getBoundingClientRect().top))).size");
}
