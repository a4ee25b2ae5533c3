namespace Kaviar.Ops.Kernel;

/// <summary>
/// For one thing asked about in a batch (a service, a network path, a plan): its result, or the error that says why
/// there is none. A batch reports every item, so one missing service fails only itself.
/// </summary>
public sealed class Outcome<TAsked, TResult>
    where TResult : class
{
    private Outcome(TAsked asked, TResult? result, OpsException? failure)
    {
        Asked = asked;
        Result = result;
        Failure = failure;
    }

    public TAsked Asked { get; }

    public TResult? Result { get; }

    public OpsException? Failure { get; }

    public static Outcome<TAsked, TResult> Of(TAsked asked, TResult result) => new Outcome<TAsked, TResult>(asked, result, null);

    public static Outcome<TAsked, TResult> Failed(TAsked asked, OpsException failure) => new Outcome<TAsked, TResult>(asked, null, failure);
}
