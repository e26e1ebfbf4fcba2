using System.Net;
using System.Text;
using CsCheck;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Infrastructure;

namespace SupplierQuality.Integration.Tests.Invitations;

/// <summary>
/// Generated posts to a supplier's form on a real node: fields named after the questions or anything else, values
/// valid or not (control characters, any Unicode, over the form's value limit), repeats, more fields than the form
/// limit, broken escapes, another content type, the antiforgery token present, forged or missing.
/// </summary>
public sealed class SurveyFormPropertyTests
{
    private const string Antiforgery = "__RequestVerificationToken";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>One field: its name and value as sent, encoded or raw; a value of <see cref="Huge"/> length stands for one over the form limit.</summary>
    private sealed record PostField(string Name, string Value, bool Raw = false, int Huge = 0)
    {
        public override string ToString() =>
            Huge > 0 ? $"{Name}=<{Huge:N0} x>" : $"{Name}={(Value.Length > 40 ? Value[..40] + "…" : Value)}{(Raw ? " (raw)" : "")}";
    }

    private sealed record Post(IReadOnlyList<PostField> Fields, string Token, string ContentType, int Junk)
    {
        public override string ToString() =>
            $"{ContentType}, token {Token}, {Junk} extra fields: {string.Join(" & ", Fields)}";
    }

    private static readonly Gen<string> AnyText = Gen.OneOf(
        Gen.String[Gen.Char[(char)0, (char)0x7F], 0, 12],
        Gen.String[Gen.Char.AlphaNumeric, 0, 30],
        Gen.OneOf("", " ", "\0", "a\0b", "\u0001", "\u007F", "\u0085", "\t\r\n", "ü", "漢字", "😀", "\uFFFD", "\u202E", "%", "+", "&", "=", "[", "]"),
        Gen.String[Gen.Char[(char)0, (char)0xD7FF], 0, 8]);

    /// <summary>What a question may get: a valid answer most often, else text that may be anything.</summary>
    private static Gen<string> ValueFor(Question question)
    {
        var valid = question.Kind switch
        {
            QuestionKind.Likert => Gen.Int[1, question.Points ?? 5].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            QuestionKind.Rating => Gen.Int[0, 10].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            QuestionKind.YesNo => Gen.OneOf("yes", "no"),
            QuestionKind.SingleChoice or QuestionKind.MultipleChoice => Gen.OneOf([.. question.Options.Select(o => o.Id)]),
            QuestionKind.Number => Gen.Int[0, 30].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => Gen.String[Gen.Char.AlphaNumeric, 1, 40],
        };
        return Gen.Frequency((4, valid), (1, AnyText));
    }

    private static Gen<Post> Posts(QuestionnaireVersion version, string antiforgery)
    {
        var answer = Gen.OneOf([.. version.Questions.Select(q => ValueFor(q).Select(v => new PostField($"answers[{q.Id}]", v)))]);
        var huge = Gen.OneOf([.. version.Questions.Select(q => Gen.Const(new PostField($"answers[{q.Id}]", "", Huge: 4 * 1024 * 1024 + 1)))]);
        var other = Gen.Select(
            Gen.OneOf(AnyText, Gen.OneOf("answers[", "answers[]", "answers[nope]", "action", "submissionId", Antiforgery, new string('k', 2049))),
            AnyText,
            (name, value) => new PostField(name, value));
        var raw = Gen.OneOf("%", "%zz", "%2", "&&", "=", "==", "%00", "%C3", "a=%E2%82", "%FF%FE=%80").Select(r => new PostField(r, "", Raw: true));
        var action = Gen.OneOf("save", "save", "submit", "junk").Select(a => new PostField("action", a));
        var submission = Gen.Guid.Select(g => new PostField("submissionId", g.ToString()));
        var field = Gen.Frequency((60, answer), (15, other), (10, raw), (15, action), (5, submission), (1, huge));
        var junk = Gen.Select(
            field.List[0, 12],
            Gen.Frequency((8, antiforgery), (1, ""), (1, "forged")),
            Gen.Frequency((20, Gen.Const("application/x-www-form-urlencoded")), (1, Gen.OneOf("text/plain", "multipart/form-data; boundary=x", "application/json"))),
            Gen.Frequency((20, Gen.Const(0)), (1, Gen.Int[1015, 1040])),
            (fields, token, type, extra) => new Post(fields, token, type, extra));

        // Posts as the form makes them, some of the answers given, so that taking a good post is checked as often.
        var saves = Gen.ShuffleSelect(version.Questions.Select(q => ValueFor(q).Select(v => new PostField($"answers[{q.Id}]", v))).ToArray(), 0, version.Questions.Count)
            .Select(fields => new Post([.. fields, new PostField("action", "save")], antiforgery, "application/x-www-form-urlencoded", 0));
        return Gen.Frequency((3, junk), (1, saves));
    }

    private static byte[] Body(Post post)
    {
        var body = new StringBuilder();
        void Add(string pair) => body.Append(body.Length == 0 ? "" : "&").Append(pair);
        for (var i = 0; i < post.Junk; i++)
        {
            Add($"junk{i}=1");
        }

        foreach (var field in post.Fields)
        {
            Add(field.Raw ? field.Name
                : field.Huge > 0 ? $"{Uri.EscapeDataString(field.Name)}={new string('x', field.Huge)}"
                : $"{Uri.EscapeDataString(field.Name)}={Uri.EscapeDataString(field.Value)}");
        }

        if (post.Token.Length > 0)
        {
            Add($"{Antiforgery}={Uri.EscapeDataString(post.Token)}");
        }

        return Encoding.UTF8.GetBytes(body.ToString());
    }

    private static string Text(IReadOnlyDictionary<string, string[]>? answers) =>
        answers is null ? "none" : string.Join("; ", answers.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}=[{string.Join(", ", a.Value)}]"));

    /// <summary>The draft and the latest submitted answers, comparable.</summary>
    private static (string Draft, string Submitted) Saved(InvitationForm form) =>
        (Text(form.Draft), $"v{form.Submitted?.Version} {Text(form.Submitted?.Answers)}");

    /// <summary>The answers a post sent, as the grain stores them, and whether it asked to save (else to submit).</summary>
    private static (string Answers, bool Save) Sent(Post post)
    {
        var answers = post.Fields
            .Where(f => !f.Raw && f.Name.Length > "answers[".Length + 1 && f.Name.StartsWith("answers[", StringComparison.Ordinal) && f.Name.EndsWith(']'))
            .GroupBy(f => f.Name["answers[".Length..^1], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(f => f.Value).ToArray(), StringComparer.Ordinal);
        var actions = post.Fields.Where(f => !f.Raw && f.Name == "action").Select(f => f.Value).ToList();
        return (Text(ResponseAnswers.Normalize(answers)), actions is ["save"]);
    }

    [Fact]
    public async Task Whatever_is_posted_a_browser_gets_a_page_and_only_a_whole_valid_post_changes_what_is_saved()
    {
        await using var node = await TestNode.StartAsync(new Dictionary<string, string?> { ["Survey:RateLimit:PermitLimit"] = "100000" });
        var (token, version) = await InvitationsNode.IssueAsync(node);
        var grain = InvitationsNode.Grain(node, token);
        var likert = version.Questions.First(q => q.Kind == QuestionKind.Likert).Id;
        Assert.Equal(InvitationOutcome.Ok, (await grain.SaveDraftAsync(new Dictionary<string, string[]> { [likert] = ["2"] })).Outcome);
        using var client = node.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
        var antiforgery = await client.GetAntiforgeryTokenAsync($"/s/{token}");
        var statuses = new Dictionary<HttpStatusCode, int>();

        await Posts(version, antiforgery).SampleAsync(
            async post =>
            {
                var before = Saved((await grain.GetFormAsync())!);
                using var content = new ByteArrayContent(Body(post));
                content.Headers.TryAddWithoutValidation("Content-Type", post.ContentType);
                using var response = await client.PostAsync($"/s/{token}", content, Cancel);
                var text = await response.Content.ReadAsStringAsync(Cancel);
                var after = Saved((await grain.GetFormAsync())!);
                statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;

                if (response.StatusCode == HttpStatusCode.Redirect)
                {
                    // Saved or submitted: exactly what was sent, as the draft or as the new version.
                    var (answers, save) = Sent(post);
                    if (save)
                    {
                        Assert.Equal((answers, before.Submitted), after);
                    }
                    else
                    {
                        Assert.Equal("none", after.Draft);
                        Assert.EndsWith($" {answers}", after.Submitted, StringComparison.Ordinal);
                    }

                    return;
                }

                Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest });
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains("<h2 id=\"error-summary-title\">There is a problem</h2>", text, StringComparison.Ordinal);
                Assert.Contains($"<form method=\"post\" action=\"/s/{token}\"", text, StringComparison.Ordinal);
                Assert.Equal(before, after);
            },
            iter: 200,
            threads: 1,
            print: p => p.ToString());

        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));

        // The junk spoilt nothing: a whole, valid post after it is taken and stored as sent.
        using var valid = await client.PostFormAsync($"/s/{token}", [new($"answers[{likert}]", "5"), new("action", "save")], formPath: $"/s/{token}?edit=true");
        var saved = (await grain.GetFormAsync())!;

        Assert.Equal(HttpStatusCode.Redirect, valid.StatusCode);
        Assert.Equal(["5"], saved.Draft![likert]);
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 20, string.Join(", ", statuses));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Redirect) > 5, string.Join(", ", statuses));
    }
}
