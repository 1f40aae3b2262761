package org.dripline;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
@SpringBootApplication
public class DriplineApplication {
  public static void main(String[] args) { SpringApplication.run(DriplineApplication.class, args); }
}
