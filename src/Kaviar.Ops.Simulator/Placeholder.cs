namespace Kaviar.Ops.Simulator;
