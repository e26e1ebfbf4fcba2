using SupplierQuality.Grains.Questionnaires;
using SupplierQuality.Web.Responses;

namespace SupplierQuality.Web.Pages.Responses;

/// <summary>The comments of a campaign: every answer to a free-text question, with who wrote it about which supplier.</summary>
public sealed class CommentsModel(IGrainFactory grains) : ResponsesPageModel(grains)
{
    protected override string What => "Comments";

    protected override string QuestionsAre => "free-text question";

    /// <summary>The page's comments in supplier, then group, then questionnaire order.</summary>
    public IEnumerable<Comment> Comments =>
        from pair in Responses
        from question in Filter.Question is { } chosen ? [chosen] : Choosable
        let text = ResponseText.Answer(question.Question, pair.Respondent.Response.Answers)
        where text.Length > 0
        select new Comment(pair.Supplier, pair.Respondent, question, text);

    protected override IReadOnlyList<NumberedQuestion> Filterable(IReadOnlyList<NumberedQuestion> questions) =>
        [.. questions.Where(q => q.Question.Kind == QuestionKind.FreeText)];
}

/// <summary>One comment: a free-text answer, with its supplier, respondent and question.</summary>
public sealed record Comment(SupplierResponses Supplier, RespondentResponse Respondent, NumberedQuestion Question, string Text);
