using Kaviar.Ops.Ecs;
using Kaviar.Ops.Kernel;

namespace Kaviar.Ops.Deployments;

/// <summary>
/// Who deploys a service. Only the ECS controller (rolling updates and ECS blue/green) takes a new revision through
/// UpdateService; ECS refuses it for CODE_DEPLOY ("Use AWS CodeDeploy to trigger a new deployment") and for EXTERNAL,
/// whose revisions run in task sets the deployment tool creates.
/// </summary>
public static class DeploymentControllers
{
    public const string Ecs = "ECS";

    /// <summary>The controller's type; a service described without one is ECS's, as ECS reports the default.</summary>
    public static string Of(AwsServices.ECS.Model.Service service) => service.DeploymentController?.Type ?? Ecs;

    /// <summary>Refuses <paramref name="doing"/> (a deployment, a rollback, a wait) on a service another controller deploys, saying whose it is.</summary>
    public static void RequireEcs(ServiceSnapshot snapshot, string region, string doing)
    {
        var type = Of(snapshot.Service);
        if (type == Ecs)
        {
            return;
        }

        var name = $"{snapshot.Cluster}/{snapshot.ServiceName}";
        throw type == "CODE_DEPLOY"
            ? new OpsException(ErrorTable.EcsDeploymentControllerNotEcs,
                $"Service {name} is deployed by AWS CodeDeploy (deploymentController CODE_DEPLOY): ECS refuses a new revision through UpdateService, so {doing} is CodeDeploy's to do.",
                name,
                $"Deploy with 'aws deploy create-deployment --application-name <application> --deployment-group-name <group> --revision <AppSpec naming family:revision> --region {region}', " +
                $"follow it with 'aws deploy wait deployment-successful --deployment-id <id> --region {region}', and roll back with 'aws deploy stop-deployment --deployment-id <id> --auto-rollback-enabled --region {region}'.")
            : new OpsException(ErrorTable.EcsDeploymentControllerNotEcs,
                $"Service {name} has an external deployment controller (deploymentController {type}): its revisions run in task sets its deployment tool creates, so {doing} is that tool's to do.",
                name,
                $"Create a task set with 'aws ecs create-task-set --cluster {snapshot.Cluster} --service {snapshot.ServiceName} --task-definition <family:revision> --region {region}', " +
                $"then make it primary with 'aws ecs update-service-primary-task-set --cluster {snapshot.Cluster} --service {snapshot.ServiceName} --primary-task-set <id> --region {region}'.");
    }
}
