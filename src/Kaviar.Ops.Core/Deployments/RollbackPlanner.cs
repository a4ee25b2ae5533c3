using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Deployments;

/// <summary>
/// Plans the return to what last worked, from the service's deployment history (never "revision − 1", which may be a
/// revision only a one-off task ran): when the newest deployment did not complete, the newest one that did; when it
/// did, the one that completed before it with another revision. The result is a deployment step of that revision
/// (already in place when the service runs it, as after a circuit-breaker rollback). Nothing is ever deregistered.
/// Without the history (its reads denied, or unknown to the endpoint) only a deployment in progress is rolled back.
/// </summary>
public sealed class RollbackPlanner
{
    private readonly OpsContext context;

    public RollbackPlanner(OpsContext context) => this.context = context;

    public async Task<EcsDeploymentStep> PlanAsync(ServiceReference service, CancellationToken cancellationToken)
    {
        var read = await new DeploymentHistory(context).ReadAsync(service, 100, cancellationToken).ConfigureAwait(false);
        if (read.UnreadAction != null)
        {
            return await PlanWithoutHistoryAsync(service, read, cancellationToken).ConfigureAwait(false);
        }

        var history = read.Records;
        var newest = history.FirstOrDefault();
        var completed = history.Where(h => h.Completed && h.TaskDefinitionArn.Length > 0).ToList();
        var candidates = newest?.Completed == true
            ? completed.Where(c => c != newest && c.TaskDefinitionArn != newest.TaskDefinitionArn).ToList()
            : completed;
        var name = $"{service.Cluster}/{service.Service.Name}";
        if (candidates.Count == 0)
        {
            throw new OpsException(ErrorTable.EcsRollbackTargetNotFound,
                $"Service {name} has no {(newest?.Completed == true ? "earlier " : "")}completed deployment in its history (ECS keeps 90 days of it), so there is nothing known to have worked to return to.",
                service.Input, $"Deploy a revision you trust with '{Suggest.StartEcsDeployment(context.Region, service.Cluster, service.Service.Name, "<family:revision>")}'.");
        }

        var target = candidates[0];
        var definition = await TaskDefinitions.DescribeAsync(context, target.TaskDefinitionArn, cancellationToken).ConfigureAwait(false);
        if (definition.Status == "INACTIVE")
        {
            var active = await FirstActiveAsync(candidates.Skip(1), cancellationToken).ConfigureAwait(false);
            throw new OpsException(ErrorTable.EcsTaskDefinitionInactive,
                $"The revision service {name} last ran successfully, {target.TaskDefinition}, is INACTIVE (deregistered): ECS starts no task from it." +
                (active == null ? " No earlier completed revision is ACTIVE either." : $" The last ACTIVE revision that completed is {active.TaskDefinition} ({active.CreatedAt:u})."),
                target.TaskDefinition,
                active == null
                    ? "Register a new revision from the one that worked and deploy it with Start-EcsDeployment."
                    : $"Deploy it with '{Suggest.StartEcsDeployment(context.Region, service.Cluster, service.Service.Name, active.TaskDefinition)}'.");
        }

        var step = await new DeploymentPlanner(context).PlanAsync(new DeploymentRequest { Service = service, TaskDefinition = target.TaskDefinitionArn }, cancellationToken)
            .ConfigureAwait(false);
        if (newest?.Outcome == "InProgress" && step.NeedsChange)
        {
            // ECS rolls a deployment in progress back itself, on the same record, to the revision it last completed.
            step.StopServiceDeploymentArn = newest.ServiceDeploymentArn;
            return step.With(StepStatus.Planned,
                $"StopServiceDeployment (ROLLBACK) stops the deployment of {newest.TaskDefinition} in progress; ECS returns the service to {target.TaskDefinition}, the newest that completed ({target.CreatedAt:u}).");
        }

        var why = newest?.Completed == true
            ? $"the deployment before the newest ({newest.TaskDefinition}) that completed with another revision"
            : $"the newest deployment that completed ({target.CreatedAt:u}); the newest one, {newest?.TaskDefinition}, {newest?.Outcome}";
        return step.With(step.StatusKind, $"Rollback to {target.TaskDefinition}, {why}. {step.Detail}");
    }

    /// <summary>
    /// A rollback from the current deployments alone, when ECS's deployment records could not be read. Only a deployment
    /// in progress can be undone safely then: the one ACTIVE deployment it is replacing, whose rollout completed, ran a
    /// revision known to have worked, and UpdateService returns to it (StopServiceDeployment would need the record's ARN,
    /// which only ListServiceDeployments gives). Otherwise nothing is known to have worked, and a rollback never guesses
    /// (the revision before the current may be one only a one-off task ran): the error names what was denied and the
    /// command that deploys a revision the user chooses.
    /// </summary>
    private async Task<EcsDeploymentStep> PlanWithoutHistoryAsync(ServiceReference service, EcsDeploymentHistory current, CancellationToken cancellationToken)
    {
        var inProgress = current.Records.FirstOrDefault(r => r.Status == "PRIMARY" && r.Outcome == "InProgress");
        var replaced = current.Records.Where(r => r.Status == "ACTIVE").ToList();
        if (inProgress != null && replaced.Count == 1 && replaced[0].Completed)
        {
            var target = replaced[0];
            var step = await new DeploymentPlanner(context).PlanAsync(new DeploymentRequest { Service = service, TaskDefinition = target.TaskDefinitionArn }, cancellationToken)
                .ConfigureAwait(false);
            return step.With(step.StatusKind, $"Rollback to {target.TaskDefinition}, which the deployment of {inProgress.TaskDefinition} in progress is replacing " +
                $"(its rollout had completed); ECS's deployment records were not read ({current.UnreadAction}). {step.Detail}");
        }

        var name = $"{service.Cluster}/{service.Service.Name}";
        var running = current.Records.FirstOrDefault(r => r.Status == "PRIMARY")?.TaskDefinition ?? "";
        var family = running.LastIndexOf(':') > 0 ? running.Substring(0, running.LastIndexOf(':')) : "<family>";
        var why = current.UnreadDenied ? $"AWS denied {current.UnreadAction} to this identity" : $"the endpoint does not support {current.UnreadAction}";
        var message = $"Undo-EcsDeployment chooses the revision to return to from service {name}'s deployment history, and {why}: without it no revision " +
            $"is known to have worked, and the revision before the current one ({running}) is not necessarily one, so none is guessed.";
        var action = $"Deploy a revision you trust with '{Suggest.StartEcsDeployment(context.Region, service.Cluster, service.Service.Name, family + ":N")}' " +
            $"(the family's revisions, newest first: 'aws ecs list-task-definitions --family-prefix {family} --sort DESC --region {context.Region}'), " +
            $"or allow {DeploymentHistory.HistoryActions}.";
        throw new OpsException(current.UnreadDenied ? ErrorTable.AwsAccessDenied : ErrorTable.EcsRollbackTargetNotFound, message, service.Input, action);
    }

    private async Task<EcsDeploymentRecord?> FirstActiveAsync(System.Collections.Generic.IEnumerable<EcsDeploymentRecord> candidates, CancellationToken cancellationToken)
    {
        foreach (var candidate in candidates.GroupBy(c => c.TaskDefinitionArn).Select(g => g.First()))
        {
            if ((await TaskDefinitions.DescribeAsync(context, candidate.TaskDefinitionArn, cancellationToken).ConfigureAwait(false)).Status == "ACTIVE")
            {
                return candidate;
            }
        }

        return null;
    }
}
