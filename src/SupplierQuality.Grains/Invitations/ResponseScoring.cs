using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Scoring;

namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// Reads a response's answers against its questionnaire and scores them with the formulas of
/// <see cref="SupplierQuality.Scoring"/> (DESIGN.md "Scoring"); the formulas live there, pure and unit tested, and
/// this class only knows which question is which. Answers are assumed valid (<see cref="ResponseAnswers.Validate"/>);
/// a value that does not parse is treated as unanswered, and so is "Not applicable" (<see cref="ResponseAnswers.NotApplicable"/>):
/// it leaves the question out of its dimension's mean and out of the NPS, as an optional question left unanswered.
/// </summary>
public static class ResponseScoring
{
    public static ResponseScores Score(QuestionnaireVersion version, IReadOnlyDictionary<string, string[]> answers)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(answers);
        var dimensions = new List<DimensionScore>();
        var overall = new List<(double Score, double Weight)>();
        foreach (var dimension in version.Dimensions)
        {
            var values = version.Questions
                .Where(q => q.DimensionId == dimension.Id && q.IsScored)
                .Select(q => answers.TryGetValue(q.Id, out var a) && a.Length > 0 ? Value(q, a[0]) : null)
                .OfType<decimal>()
                .Select(v => (double)v)
                .ToList();
            if (ResponseScore.Dimension(values) is not { } score)
            {
                continue;
            }

            dimensions.Add(new DimensionScore(dimension.Id, (decimal)score, values.Count));
            overall.Add((score, (double)(dimension.Weight ?? 0)));
        }

        var nps = version.Questions
            .Where(q => q.Kind == QuestionKind.Rating && q.Nps)
            .Select(q => answers.TryGetValue(q.Id, out var a) && a.Length > 0 ? ResponseAnswers.ParsePoint(a[0], 0, 10) is { } x ? new NpsAnswer(q.Id, x, Category(x)) : null : null)
            .OfType<NpsAnswer>()
            .ToList();
        return new ResponseScores(ResponseScore.Overall(overall) is { } o ? (decimal)o : null, dimensions, nps);
    }

    public static NpsCategory Category(int rating) => NpsCounts.GroupOf(rating) switch
    {
        NpsGroup.Promoter => NpsCategory.Promoter,
        NpsGroup.Passive => NpsCategory.Passive,
        _ => NpsCategory.Detractor,
    };

    /// <summary>The 0-100 value of one answer, or null when the question is not scored or the answer does not parse.</summary>
    public static decimal? Value(Question question, string answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer == ResponseAnswers.NotApplicable)
        {
            return null;
        }

        double? value = question.Kind switch
        {
            QuestionKind.Likert when question.Points is { } k and >= 2 =>
                ResponseAnswers.ParsePoint(answer, 1, k) is { } x ? QuestionValue.Likert(x, k) : null,
            QuestionKind.Rating => ResponseAnswers.ParsePoint(answer, 0, 10) is { } r ? QuestionValue.Rating(r) : null,
            QuestionKind.YesNo => answer switch { "yes" => QuestionValue.YesNo(true), "no" => QuestionValue.YesNo(false), _ => null },

            // An option's score is the questionnaire author's value, not a formula.
            QuestionKind.SingleChoice => (double?)question.Options.FirstOrDefault(o => o.Id == answer)?.Score,
            QuestionKind.Number when question is { IsScored: true, TargetMin: { } low, TargetMax: { } high } =>
                ResponseAnswers.ParseNumber(answer) is { } n
                    ? QuestionValue.Number((double)n, (double?)question.Min, (double)low, (double)high, (double?)question.Max)
                    : null,
            _ => null,
        };
        return (decimal?)value;
    }
}
