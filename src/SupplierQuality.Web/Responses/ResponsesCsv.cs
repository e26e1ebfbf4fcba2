using System.Globalization;
using CsvHelper;
using SupplierQuality.Grains.Invitations;
using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Responses;

/// <summary>
/// The raw responses export: a header, then one row per submitted response (its latest version) with the supplier,
/// the respondent, the group, the version, when it was submitted, the overall score and one column per question.
/// </summary>
internal static class ResponsesCsv
{
    public static readonly IReadOnlyList<string> FixedColumns =
        ["Supplier", "Respondent name", "Email", "Group", "Version", "Submitted at (UTC)", "Overall score"];

    /// <summary>
    /// Answers and names are typed by people outside, and a spreadsheet runs a cell that starts with =, +, -, @, a tab
    /// or a carriage return as a formula. CsvHelper puts an apostrophe before such a text cell (and quotes it), which
    /// spreadsheets read as "this is text". Numbers are written as numbers and left alone, so -5 stays -5.
    /// The byte order mark makes Excel open the file as UTF-8 instead of mangling accented names.
    /// </summary>
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        InjectionCharacters = "=+-@\t\r",
        InjectionEscape = '\'',
        WriteByteOrderMark = true,
    };

    public static IReadOnlyList<string> Header(IReadOnlyList<NumberedQuestion> questions) =>
        [.. FixedColumns, .. questions.Select(q => q.Heading)];

    /// <summary>One response's cells in <see cref="Header"/> order: text, or numbers where the value is one.</summary>
    public static IReadOnlyList<object?> Row(SupplierResponses supplier, RespondentResponse respondent, IReadOnlyList<NumberedQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(supplier);
        ArgumentNullException.ThrowIfNull(respondent);
        var response = respondent.Response;
        return
        [
            supplier.SupplierName,
            respondent.Name,
            respondent.Email,
            ScoreText.GroupName(respondent.Group),
            response.Version,
            response.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            response.Scores.Overall is { } overall ? Math.Round(overall, 2) : null,
            .. questions.Select(q => Answer(q.Question, response.Answers)),
        ];
    }

    /// <summary>Writes the file to <paramref name="stream"/>, sending each supplier's rows as soon as they are read.</summary>
    public static async Task WriteAsync(
        Stream stream, IReadOnlyList<NumberedQuestion> questions, IAsyncEnumerable<SupplierResponses> suppliers, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(stream, Options, leaveOpen: true);
        await csv.WriteRecordAsync([.. Header(questions)], ct);
        await foreach (var supplier in suppliers.WithCancellation(ct))
        {
            foreach (var respondent in supplier.Responses)
            {
                foreach (var cell in Row(supplier, respondent, questions))
                {
                    csv.WriteField(cell);
                }

                await csv.EndRecordAsync(ct);
            }

            await csv.FlushAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>A number answer as a number, so a negative one is not mistaken for a formula; any other as its words.</summary>
    private static object? Answer(Question question, IReadOnlyDictionary<string, string[]> answers) =>
        question.Kind == QuestionKind.Number && answers.TryGetValue(question.Id, out var values) && values.Length == 1
            && ResponseAnswers.ParseNumber(values[0]) is { } number
            ? number
            : ResponseText.Answer(question, answers);
}
