/**
 * The values of batch jobs over prompt sets, shared by the use cases ({@code eval}, {@code generate-batch}) and the data engines that run them (local or Spark): items, prompts, results, the model to open.
 */
package org.hrmtext.app.batch;
