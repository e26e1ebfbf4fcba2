using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Grains.Invitations;

/// <summary>
/// A response's scores, as DESIGN.md "Scoring" defines them. Pure: no I/O, no clock. Answers are assumed valid
/// (<see cref="ResponseAnswers.Validate"/>); a value that does not parse is treated as unanswered.
/// </summary>
public static class ResponseScoring
{
    /// <summary>
    /// Each answered scored question gets a 0-100 value: Likert k points <c>100*(x-1)/(k-1)</c>, rating <c>10*x</c>,
    /// yes 100 / no 0, single choice the option's score, number 100 inside the target range falling linearly to 0
    /// at <see cref="Question.Min"/> and <see cref="Question.Max"/>. A dimension's score is the mean of its values;
    /// the overall score is the mean of the answered dimensions' scores weighted by the dimensions' weights.
    /// </summary>
    public static ResponseScores Score(QuestionnaireVersion version, IReadOnlyDictionary<string, string[]> answers)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(answers);
        var dimensions = new List<DimensionScore>();
        decimal weighted = 0, weights = 0;
        foreach (var dimension in version.Dimensions)
        {
            var values = version.Questions
                .Where(q => q.DimensionId == dimension.Id && q.IsScored)
                .Select(q => answers.TryGetValue(q.Id, out var a) && a.Length > 0 ? Value(q, a[0]) : null)
                .OfType<decimal>()
                .ToList();
            if (values.Count == 0)
            {
                continue;
            }

            var score = values.Sum() / values.Count;
            dimensions.Add(new DimensionScore(dimension.Id, score, values.Count));
            var weight = dimension.Weight ?? 0;
            weighted += weight * score;
            weights += weight;
        }

        var nps = version.Questions
            .Where(q => q.Kind == QuestionKind.Rating && q.Nps)
            .Select(q => answers.TryGetValue(q.Id, out var a) && a.Length > 0 ? ResponseAnswers.ParsePoint(a[0], 0, 10) is { } x ? new NpsAnswer(q.Id, x, Category(x)) : null : null)
            .OfType<NpsAnswer>()
            .ToList();
        return new ResponseScores(weights > 0 ? weighted / weights : null, dimensions, nps);
    }

    /// <summary>Promoters 9-10, passives 7-8, detractors 0-6.</summary>
    public static NpsCategory Category(int rating) => rating switch
    {
        >= 9 => NpsCategory.Promoter,
        >= 7 => NpsCategory.Passive,
        _ => NpsCategory.Detractor,
    };

    /// <summary>The 0-100 value of one answer, or null when the question is not scored or the answer does not parse.</summary>
    public static decimal? Value(Question question, string answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        switch (question.Kind)
        {
            case QuestionKind.Likert when question.Points is { } k and >= 2:
                return ResponseAnswers.ParsePoint(answer, 1, k) is { } x ? 100m * (x - 1) / (k - 1) : null;
            case QuestionKind.Rating:
                return ResponseAnswers.ParsePoint(answer, 0, 10) is { } r ? 10m * r : null;
            case QuestionKind.YesNo:
                return answer switch { "yes" => 100m, "no" => 0m, _ => null };
            case QuestionKind.SingleChoice:
                return question.Options.FirstOrDefault(o => o.Id == answer)?.Score;
            case QuestionKind.Number when question.IsScored:
                return ResponseAnswers.ParseNumber(answer) is { } n ? NumberValue(question, n) : null;
            default:
                return null;
        }
    }

    private static decimal? NumberValue(Question question, decimal n)
    {
        if (question is not { TargetMin: { } low, TargetMax: { } high })
        {
            return null;
        }

        if (n >= low && n <= high)
        {
            return 100m;
        }

        if (n < low)
        {
            return question.Min is { } min && low > min ? Math.Max(0m, 100m * (n - min) / (low - min)) : 0m;
        }

        return question.Max is { } max && max > high ? Math.Max(0m, 100m * (max - n) / (max - high)) : 0m;
    }
}
