using System.Globalization;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>How the pages name question kinds and sum up a question in one line.</summary>
public static class QuestionKinds
{
    public static string DisplayName(QuestionKind kind) => kind switch
    {
        QuestionKind.Likert => "Likert scale",
        QuestionKind.Rating => "Rating 0 to 10",
        QuestionKind.YesNo => "Yes or no",
        QuestionKind.SingleChoice => "Single choice",
        QuestionKind.MultipleChoice => "Multiple choice",
        QuestionKind.Number => "Number",
        QuestionKind.FreeText => "Free text",
        _ => kind.ToString(),
    };

    /// <summary>"Likert scale, 5 points, in Quality, required", and "“Not applicable” allowed" when it is.</summary>
    public static string Summary(Question question, IReadOnlyList<Dimension> dimensions)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(dimensions);
        var parts = new List<string> { DisplayName(question.Kind) };
        switch (question.Kind)
        {
            case QuestionKind.Likert:
                parts.Add($"{question.Points} points");
                break;
            case QuestionKind.Rating when question.Nps:
                parts.Add("counts towards NPS");
                break;
            case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                parts.Add($"{question.Options.Count} options");
                break;
            case QuestionKind.Number when question.TargetMin is not null:
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"target {question.TargetMin} to {question.TargetMax}"));
                break;
            case QuestionKind.FreeText:
                parts.Add($"up to {question.MaxLength} characters");
                break;
        }

        var dimension = dimensions.FirstOrDefault(d => d.Id == question.DimensionId)?.Name;
        parts.Add(dimension is not null ? $"in {dimension}"
            : question.IsScored ? "no dimension yet"
            : "not scored");
        parts.Add(question.Required ? "required" : "optional");
        if (question.AllowNotApplicable)
        {
            parts.Add("“Not applicable” allowed");
        }

        return string.Join(", ", parts);
    }
}
