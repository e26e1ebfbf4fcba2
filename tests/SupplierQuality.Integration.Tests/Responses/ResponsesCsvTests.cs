using System.Net;
using CsvHelper;
using SupplierQuality.Grains.Accounts;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Integration.Tests.Campaigns;
using SupplierQuality.Integration.Tests.Infrastructure;
using SupplierQuality.Web.Responses;

namespace SupplierQuality.Integration.Tests.Responses;

[Collection(ResponsesNode.Collection)]
public sealed class ResponsesCsvTests(CampaignsNode fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A CSV file as its header and rows of strings, read with CsvHelper.</summary>
    private static (IReadOnlyList<string> Header, List<string[]> Rows) Parse(Stream csv)
    {
        using var reader = CsvReader.Create(csv, CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: true);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty)]);
        }

        return (reader.Headers, rows);
    }

    private static async IAsyncEnumerable<SupplierResponses> Once(SupplierResponses supplier)
    {
        await Task.Yield();
        yield return supplier;
    }

    [Fact]
    public async Task The_export_has_one_row_per_submitted_response_with_its_columns_and_a_formula_comes_out_as_text()
    {
        var campaign = await ResponsesNode.AnsweredAsync(fixture);
        using var client = await fixture.Node.CreateSignedInClientAsync(Roles.Executive);

        using var response = await client.GetAsync($"/campaigns/{campaign.Id}/responses.csv", Cancel);
        var (header, rows) = Parse(await response.Content.ReadAsStreamAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("responses.csv", response.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Equal(
            [
                "Supplier", "Respondent name", "Email", "Group", "Version", "Submitted at (UTC)", "Overall score",
                .. campaign.Questionnaire.Questions.Select((q, i) => $"{i + 1}. {q.Text}"),
            ],
            header);
        Assert.Equal(3, rows.Count);
        int Column(string name) => header.ToList().IndexOf(name);
        var text = Column($"7. {campaign.Of(QuestionKind.FreeText).Text}");
        var contactA = rows.Single(r => r[Column("Email")] == campaign.A.Emails[0]);
        var evaluatorA = rows.Single(r => r[Column("Email")] == campaign.EvaluatorEmail);
        var contactB = rows.Single(r => r[Column("Email")] == campaign.B.Emails[0]);
        Assert.Equal([campaign.A.Name, "Contact 1", "Self-assessment", "1"], [contactA[0], contactA[1], contactA[3], contactA[4]]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", contactA[Column("Submitted at (UTC)")]);
        Assert.Matches(@"^\d+(\.\d+)?$", contactA[Column("Overall score")]);
        Assert.Equal("'" + AnsweredCampaign.ContactComment, contactA[text]);
        Assert.Equal(["4 of 5", "9 of 10", "Yes", "Never", "Email; Phone", "1.5"], contactA[Column("1. How good were the parts?")..text]);
        Assert.Equal([campaign.A.Name, campaign.EvaluatorName, "Internal evaluation", AnsweredCampaign.EvaluatorComment], [evaluatorA[0], evaluatorA[1], evaluatorA[3], evaluatorA[text]]);
        Assert.Equal(["2", "5 of 5", AnsweredCampaign.EditedComment], [contactB[Column("Version")], contactB[Column("1. How good were the parts?")], contactB[text]]);
    }

    [Fact]
    public async Task Export_cells_starting_with_a_formula_character_are_escaped()
    {
        var question = new Question { Id = "q1", Kind = QuestionKind.FreeText, Text = "=Why?" };
        var number = new Question { Id = "q2", Kind = QuestionKind.Number, Text = "Days late" };
        var questions = new[] { new NumberedQuestion(1, question), new NumberedQuestion(2, number) };
        var dangerous = new[] { "=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx" };
        var supplier = new SupplierResponses(Guid.NewGuid(), "=Acme", Reached: true,
        [
            .. dangerous.Select((cell, i) => new RespondentResponse(
                $"key{i}", RecipientKind.Contact, "+Dana", "-dana@example.test",
                new InvitationResponse(1, DateTimeOffset.UnixEpoch, new Dictionary<string, string[]> { ["q1"] = [cell], ["q2"] = ["-5"] },
                    Guid.NewGuid(), 1, new ResponseScores(null, [], [])))),
        ]);
        using var stream = new MemoryStream();

        await ResponsesCsv.WriteAsync(stream, questions, Once(supplier), Cancel);
        stream.Position = 0;
        var (header, rows) = Parse(stream);

        Assert.Equal(["1. =Why?", "2. Days late"], header.Skip(ResponsesCsv.FixedColumns.Count));
        Assert.Equal(dangerous.Select(cell => "'" + cell), rows.Select(r => r[^2]));
        Assert.All(rows, r => Assert.Equal(["'=Acme", "'+Dana", "'-dana@example.test", "-5"], [r[0], r[1], r[2], r[^1]]));
    }
}
