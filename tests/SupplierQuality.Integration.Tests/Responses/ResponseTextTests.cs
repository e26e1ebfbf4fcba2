using CsvHelper;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Responses;

namespace SupplierQuality.Integration.Tests.Responses;

/// <summary>How the responses viewer and its export word answers: "Not applicable" as such, points on their scale.</summary>
public sealed class ResponseTextTests
{
    private const string NotApplicable = ResponseAnswers.NotApplicable;

    private static readonly Question Likert = new()
    {
        Id = "q1",
        Kind = QuestionKind.Likert,
        Text = "How good were the parts?",
        Points = 5,
        LowLabel = "Very poor",
        HighLabel = "Excellent",
        AllowNotApplicable = true,
    };

    private static readonly Question Rating = new() { Id = "q2", Kind = QuestionKind.Rating, Text = "Recommend us?", HighLabel = "Extremely" };

    private static readonly Question Days = new()
    {
        Id = "q3",
        Kind = QuestionKind.Number,
        Text = "Days late?",
        Min = 0,
        Max = 30,
        TargetMin = 0,
        TargetMax = 2,
        AllowNotApplicable = true,
    };

    private static readonly Question Comment = new() { Id = "q4", Kind = QuestionKind.FreeText, Text = "Anything else?", MaxLength = 100 };

    private static string Answer(Question question, params string[] values) =>
        ResponseText.Answer(question, new Dictionary<string, string[]> { [question.Id] = values });

    [Fact]
    public void Not_applicable_reads_as_such_where_the_question_allows_it_and_typed_text_stays_as_typed()
    {
        Assert.Equal("Not applicable", Answer(Likert, NotApplicable));
        Assert.Equal("Not applicable", Answer(Days, NotApplicable));
        Assert.Equal("n/a", Answer(Comment, NotApplicable));
        Assert.Equal(string.Empty, ResponseText.Answer(Likert, new Dictionary<string, string[]>()));
    }

    [Fact]
    public void A_point_reads_with_its_scale_and_an_end_has_its_label()
    {
        Assert.Equal(("4 of 5", "9 of 10"), (Answer(Likert, "4"), Answer(Rating, "9")));
        Assert.Equal(("Very poor", "Excellent", null), (ResponseText.ScaleEnd(Likert, "1"), ResponseText.ScaleEnd(Likert, "5"), ResponseText.ScaleEnd(Likert, "3")));
        Assert.Equal((null, "Extremely"), (ResponseText.ScaleEnd(Rating, "0"), ResponseText.ScaleEnd(Rating, "10")));
    }

    [Fact]
    public async Task The_export_writes_not_applicable_in_words_and_a_number_as_a_number()
    {
        var questions = new[] { new NumberedQuestion(1, Likert), new NumberedQuestion(2, Days), new NumberedQuestion(3, Comment) };
        var answers = new Dictionary<string, string[]> { ["q1"] = [NotApplicable], ["q3"] = [NotApplicable], ["q4"] = [NotApplicable] };
        var other = new Dictionary<string, string[]> { ["q1"] = ["5"], ["q3"] = ["1.5"] };
        var supplier = new SupplierResponses(Guid.NewGuid(), "Acme", Reached: true,
        [
            new RespondentResponse("a", RecipientKind.Contact, "Dana", "dana@example.test", new InvitationResponse(1, DateTimeOffset.UnixEpoch, answers, Guid.NewGuid(), 1, new ResponseScores(null, [], []))),
            new RespondentResponse("b", RecipientKind.Contact, "Eli", "eli@example.test", new InvitationResponse(1, DateTimeOffset.UnixEpoch, other, Guid.NewGuid(), 1, new ResponseScores(100m, [], []))),
        ]);
        using var stream = new MemoryStream();

        await ResponsesCsv.WriteAsync(stream, questions, Once(supplier), TestContext.Current.CancellationToken);
        stream.Position = 0;
        using var reader = CsvReader.Create(stream, CsvReaderOptions.Default with { Separator = ',' }, leaveOpen: true);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(reader.FieldCount - 3, 3).Select(i => reader.GetString(i) ?? string.Empty)]);
        }

        Assert.Equal([["Not applicable", "Not applicable", "n/a"], ["5 of 5", "1.5", ""]], rows);
    }

    private static async IAsyncEnumerable<SupplierResponses> Once(SupplierResponses supplier)
    {
        await Task.Yield();
        yield return supplier;
    }
}
