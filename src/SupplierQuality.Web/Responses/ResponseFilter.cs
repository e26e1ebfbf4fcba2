using SupplierQuality.Grains.Invitations;
using SupplierQuality.Web.Scorecards;

namespace SupplierQuality.Web.Responses;

/// <summary>Which responses a reader asked to see; null parts mean all.</summary>
public sealed record ResponseFilter(Guid? SupplierId, RecipientKind? Group, NumberedQuestion? Question)
{
    /// <summary>
    /// The filter from the query string's values. Addresses are typed and edited by hand, so a value that names nothing
    /// is left out with a message saying what is shown instead, rather than refusing the page.
    /// </summary>
    /// <param name="questions">The questions the question filter may name (every one, or only free-text ones for comments).</param>
    /// <param name="questionsAre">What those questions are called in a message: "question", "free-text question".</param>
    public static ResponseFilter Parse(
        string? supplier, string? group, string? question, IReadOnlyList<NumberedQuestion> questions, string questionsAre, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(problems);
        Guid? supplierId = null;
        if (!string.IsNullOrWhiteSpace(supplier))
        {
            if (Guid.TryParse(supplier.Trim(), out var id))
            {
                supplierId = id;
            }
            else
            {
                problems.Add($"\"{Shorten(supplier)}\" is not a supplier's id: every supplier is shown.");
            }
        }

        RecipientKind? kind = null;
        if (!string.IsNullOrWhiteSpace(group))
        {
            kind = ResponseText.ParseGroup(group);
            if (kind is null)
            {
                problems.Add($"\"{Shorten(group)}\" is not a respondent group (choose {ScoreText.GroupName(RecipientKind.Contact).ToLowerInvariant()} or {ScoreText.GroupName(RecipientKind.Evaluator).ToLowerInvariant()}): both groups are shown, each under its own heading.");
            }
        }

        NumberedQuestion? chosen = null;
        if (!string.IsNullOrWhiteSpace(question))
        {
            chosen = questions.FirstOrDefault(q => string.Equals(q.Question.Id, question.Trim(), StringComparison.Ordinal));
            if (chosen is null)
            {
                problems.Add($"The questionnaire has no {questionsAre} \"{Shorten(question)}\": every {questionsAre} is shown.");
            }
        }

        return new ResponseFilter(supplierId, kind, chosen);
    }

    /// <summary>A hand-typed value is echoed in the message, but never at length.</summary>
    private static string Shorten(string value) => value.Length > 60 ? value[..60] + "…" : value;
}
