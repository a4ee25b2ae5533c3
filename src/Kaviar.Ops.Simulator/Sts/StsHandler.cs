using Kaviar.Ops.Simulator.Protocol;
using static Kaviar.Ops.Simulator.Protocol.QueryXmlWriter;

namespace Kaviar.Ops.Simulator.Sts;

/// <summary>
/// STS GetCallerIdentity: whatever key signed the request, the caller is a user of this account, so tools can learn
/// which account their credentials are in (and refuse an ARN of another).
/// </summary>
public sealed class StsHandler : IServiceHandler
{
    private readonly AccountState _account;

    public StsHandler(AccountState account) => _account = account;

    public string ServiceName => ServiceProtocols.Sts.ServiceName;

    public bool IsMutating(string action) => false;

    public SimulatedResponse Handle(SimulatedRequest request) => request.Action switch
    {
        "GetCallerIdentity" => QuerySuccess(ServiceProtocols.Sts.XmlNamespace!, request.Action, request.RequestId,
            Value("UserId", "AIDASIMULATEDUSER0001"),
            Value("Account", _account.AccountId),
            Value("Arn", _account.Iam.CallerArn)),
        _ => throw AwsErrors.UnknownAction(ServiceProtocols.Sts, request.Action),
    };
}
