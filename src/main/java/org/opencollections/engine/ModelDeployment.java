package org.opencollections.engine;

import io.camunda.client.CamundaClient;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Deploys the models while the context starts, so that no request or resumed case can precede them. */
@Component
class ModelDeployment implements SmartInitializingSingleton {

  private final Models models;
  private final CamundaClient client;
  private final org.opencollections.models.DeployedModels deployed;

  ModelDeployment(Models models, CamundaClient client, org.opencollections.models.DeployedModels deployed) {
    this.models = models;
    this.client = client;
    this.deployed = deployed;
  }

  @Override
  public void afterSingletonsInstantiated() {
    models.deploy(client, deployed);
  }
}
