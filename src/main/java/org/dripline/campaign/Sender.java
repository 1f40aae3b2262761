package org.dripline.campaign;

public record Sender(String name, String address) {
}
